import { SetMetadata } from '@nestjs/common';
import { roles as allRoles, type Role } from '../../contracts/auth.contract.js';

/**
 * How a route may be reached. Every route says so with @Public() or @Roles(…); the global AuthGuard
 * refuses a route that says neither (403 "route has no role declared"), so none ships unguarded.
 */
export const ACCESS_PUBLIC = 'eqa:access:public';
export const ACCESS_ROLES = 'eqa:access:roles';
export const ACCESS_HANDOFF_TOKEN = 'eqa:access:handoff-token';
export const ACCESS_PENDING_PASSWORD = 'eqa:access:pending-password';

/** Every role: for routes any signed-in user may use. */
export const anyRole: readonly Role[] = allRoles;

/** No session needed (health, sign-in, the demo's sign-in). */
export const Public = () => SetMetadata(ACCESS_PUBLIC, true);

/** A session whose user has at least one of these roles. */
export const Roles = (...roles: readonly Role[]) => SetMetadata(ACCESS_ROLES, [...roles]);

/**
 * Also accepts `Authorization: Bearer <token of server.json>`, the command line's hand-off (DECISIONS
 * §4), as an admin named `cli`. Used with @Roles('admin').
 */
export const AcceptsHandoffToken = () => SetMetadata(ACCESS_HANDOFF_TOKEN, true);

/** Open to a user who still has to replace a one-time password (me, password, logout). */
export const AllowsPendingPasswordChange = () => SetMetadata(ACCESS_PENDING_PASSWORD, true);
