import type { Role } from './auth.contract.js';

/**
 * The API routes whose access the dashboard shows or hides something by: each page's first request
 * (its gate) and the writes a page offers. Who may use them is not written here: the server reads it
 * from each route's own @Roles, the metadata its guard checks, and sends it with /api/auth/me
 * (`Me.routeRoles`). The server refuses to start when one of these routes does not exist.
 */
export const dashboardRoutes = [
  'GET /api/overview',
  'GET /api/cases/:ticketId',
  'GET /api/practices',
  'GET /api/load',
  'GET /api/empowerment',
  'GET /api/faq-updates',
  'POST /api/faq-updates',
  'GET /api/calls',
  'GET /api/roleplay-sessions/:id/pack',
  'GET /api/data/files',
  'GET /api/reviews/queue',
  'POST /api/reviews/queue/fill',
  'POST /api/reviews/queue/:id/review',
  'GET /api/reviews/cases.csv',
  'GET /api/calibration-sessions',
  'POST /api/calibration-sessions',
] as const;

export type DashboardRoute = (typeof dashboardRoutes)[number];

/** For each of dashboardRoutes, the roles the server's guard lets through. */
export type RouteRoles = Record<DashboardRoute, Role[]>;

/** Whether a user with `roles` may use `route`, by the roles the server sent; false while they are unknown. */
export function mayUse(
  routeRoles: Partial<RouteRoles> | null | undefined,
  roles: readonly Role[] | null | undefined,
  route: DashboardRoute,
): boolean {
  const allowed = routeRoles?.[route];
  return Boolean(allowed && roles?.some((role) => allowed.includes(role)));
}
