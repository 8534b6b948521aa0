import { type DashboardRoute, mayUse } from '../../../../server/src/contracts/access.contract.js';
import type { Role } from '../../../../server/src/contracts/auth.contract.js';
import type { Me } from '../api/auth.api.js';

/** The signed-in user, shared by the header and the sign-in page; null until known or when signed out. */
export const session: { me: Me | null } = $state({ me: null });

/**
 * Whether the signed-in user may use an API route, by the roles the server's guard takes for it (sent
 * with /api/auth/me): pages and buttons ask this instead of keeping their own copy of who may do what.
 * False while nobody is known to be signed in.
 */
export function may(route: DashboardRoute): boolean {
  return mayUse(session.me?.routeRoles, session.me?.roles, route);
}

/** The roles that may use a route, as the server sent them; [] while unknown. */
export function rolesFor(route: DashboardRoute): Role[] {
  return session.me?.routeRoles?.[route] ?? [];
}
