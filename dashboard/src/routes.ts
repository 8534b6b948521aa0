import CasePage from './pages/case/CasePage.svelte';
import DataPage from './pages/data/DataPage.svelte';
import OverviewPage from './pages/overview/OverviewPage.svelte';
import type { Route } from './router.svelte.js';

/**
 * The pages that exist; the navigation lists exactly these. Practices, FAQ updates, Review and
 * Role-play join here as they are built.
 */
export const routes: readonly Route[] = [
  { path: '/', label: 'Overview', component: OverviewPage },
  { path: '/case', label: 'Case', component: CasePage },
  { path: '/data', label: 'Data', component: DataPage },
];
