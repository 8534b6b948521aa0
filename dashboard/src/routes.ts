import CalibrationPage from './pages/calibration/CalibrationPage.svelte';
import CasePage from './pages/case/CasePage.svelte';
import DataPage from './pages/data/DataPage.svelte';
import EmpowermentPage from './pages/empowerment/EmpowermentPage.svelte';
import FaqUpdatesPage from './pages/faq-updates/FaqUpdatesPage.svelte';
import LoadPage from './pages/load/LoadPage.svelte';
import OverviewPage from './pages/overview/OverviewPage.svelte';
import PracticePage from './pages/practice/PracticePage.svelte';
import PracticesPage from './pages/practices/PracticesPage.svelte';
import ReviewPage from './pages/review/ReviewPage.svelte';
import RoleplayPage from './pages/roleplay/RoleplayPage.svelte';
import RoleplayPrintPage from './pages/roleplay/RoleplayPrintPage.svelte';
import type { Route } from './router.svelte.js';

/**
 * The pages that exist; the navigation lists exactly these, but for those marked inNavigation: false
 * (reached by a link only, such as the role-play print page), and of them only the ones the signed-in
 * user's roles may use: each page names the API route it needs, and the server says who may use it
 * (Me.routeRoles). The router lists every route, so the single-practice page is listed too
 * (`/practice` without a key offers the practices to pick from, as `/case` does for cases).
 */
export const routes: readonly Route[] = [
  { path: '/', label: 'Overview', component: OverviewPage, needs: 'GET /api/overview' },
  { path: '/case', label: 'Case', component: CasePage, needs: 'GET /api/cases/:ticketId' },
  { path: '/practices', label: 'Practices', component: PracticesPage, needs: 'GET /api/practices' },
  { path: '/practice', label: 'Practice', component: PracticePage, needs: 'GET /api/practices' },
  { path: '/faq-updates', label: 'FAQ updates', component: FaqUpdatesPage, needs: 'GET /api/faq-updates' },
  { path: '/load', label: 'Load', component: LoadPage, needs: 'GET /api/load' },
  { path: '/empowerment', label: 'Empowerment', component: EmpowermentPage, needs: 'GET /api/empowerment' },
  { path: '/review', label: 'Review', component: ReviewPage, needs: 'GET /api/reviews/queue' },
  {
    path: '/calibration',
    label: 'Calibration',
    component: CalibrationPage,
    needs: 'GET /api/calibration-sessions',
  },
  { path: '/roleplay', label: 'Role-play', component: RoleplayPage, needs: 'GET /api/calls' },
  {
    path: '/roleplay/print',
    label: 'Role-play pack',
    component: RoleplayPrintPage,
    inNavigation: false,
    needs: 'GET /api/roleplay-sessions/:id/pack',
  },
  { path: '/data', label: 'Data', component: DataPage, needs: 'GET /api/data/files' },
];
