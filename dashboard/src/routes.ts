import CasePage from './pages/case/CasePage.svelte';
import DataPage from './pages/data/DataPage.svelte';
import FaqUpdatesPage from './pages/faq-updates/FaqUpdatesPage.svelte';
import OverviewPage from './pages/overview/OverviewPage.svelte';
import PracticePage from './pages/practice/PracticePage.svelte';
import PracticesPage from './pages/practices/PracticesPage.svelte';
import RoleplayPage from './pages/roleplay/RoleplayPage.svelte';
import RoleplayPrintPage from './pages/roleplay/RoleplayPrintPage.svelte';
import type { Route } from './router.svelte.js';

/**
 * The pages that exist; the navigation lists exactly these, but for those marked inNavigation: false
 * (reached by a link only, such as the role-play print page). Review and Role-play join here as they
 * are built. The router lists every route, so the single-practice page is listed too (`/practice`
 * without a key offers the practices to pick from, as `/case` does for cases).
 */
export const routes: readonly Route[] = [
  { path: '/', label: 'Overview', component: OverviewPage },
  { path: '/case', label: 'Case', component: CasePage },
  { path: '/practices', label: 'Practices', component: PracticesPage },
  { path: '/practice', label: 'Practice', component: PracticePage },
  { path: '/faq-updates', label: 'FAQ updates', component: FaqUpdatesPage },
  { path: '/roleplay', label: 'Role-play', component: RoleplayPage },
  { path: '/roleplay/print', label: 'Role-play pack', component: RoleplayPrintPage, inNavigation: false },
  { path: '/data', label: 'Data', component: DataPage },
];
