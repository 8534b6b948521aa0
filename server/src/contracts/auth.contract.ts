import { z } from 'zod';
import type { RouteRoles } from './access.contract.js';

/** What a user may be: admin (users, ingest, jobs), qa (reviews), lead (practices, FAQ updates), trainer (role-play). */
export const roles = ['admin', 'qa', 'lead', 'trainer'] as const;

export type Role = (typeof roles)[number];

/** The name of the session cookie; httpOnly, so the dashboard never reads it. */
export const sessionCookieName = 'eqa_session';

/** Shortest password a user may choose. */
export const minimumPasswordLength = 12;

const passwordField = (name: string) =>
  z
    .string({ error: `${name} must be text` })
    .min(minimumPasswordLength, `${name} must be at least ${minimumPasswordLength} characters`)
    // Bounded so that nobody can make the server hash a megabyte.
    .max(256, `${name} must be at most 256 characters`);

/** A user name: lower-case letters, digits, dot, dash and underscore, 2–64 characters. */
export const usernameSchema = z
  .string({ error: 'username must be text' })
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9._-]{1,63}$/,
    'username must be 2–64 characters: letters, digits, dot, dash or underscore, starting with a letter or digit',
  );

/** Roles given to a user: at least one, each one of `roles`, no repeats (kept in `roles` order). */
export const rolesSchema = z
  .array(z.enum(roles, { error: `each role must be one of ${roles.join(', ')}` }), {
    error: `roles must be a list of ${roles.join(', ')}`,
  })
  .min(1, 'roles must name at least one role')
  .transform((given) => roles.filter((role) => given.includes(role)));

const displayNameSchema = z
  .string({ error: 'displayName must be text' })
  .trim()
  .min(1, 'displayName must not be empty')
  .max(120, 'displayName must be at most 120 characters');

/** POST /api/auth/login. The password is not checked for length here: a wrong one is just wrong. */
export const loginBodySchema = z.object({
  username: z.string({ error: 'username must be text' }).trim().toLowerCase().min(1).max(64),
  password: z.string({ error: 'password must be text' }).min(1).max(256),
});

/** POST /api/auth/password: the current password and the next one (12 characters or more). */
export const changePasswordBodySchema = z
  .object({
    current: z.string({ error: 'current must be text' }).min(1).max(256),
    next: passwordField('next'),
  })
  .refine((body) => body.current !== body.next, {
    message: 'next must differ from the current password',
    path: ['next'],
  });

/** POST /api/users: a new user; the server answers with a one-time password. */
export const createUserBodySchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema.optional(),
  roles: rolesSchema,
});

/** PATCH /api/users/:id: what an admin may change about a user. */
export const updateUserBodySchema = z
  .object({
    roles: rolesSchema.optional(),
    disabled: z.boolean().optional(),
    displayName: displayNameSchema.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'give roles, disabled or displayName',
    path: ['body'],
  });

/** /api/users/:id */
export const userParamsSchema = z.object({ id: z.uuid({ error: 'id must be a user id (a UUID)' }) });

export type LoginBody = z.infer<typeof loginBodySchema>;
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;
export type CreateUserBody = z.infer<typeof createUserBodySchema>;
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;

/** GET /api/auth/me: who is signed in. */
export interface Me {
  username: string;
  displayName: string;
  roles: Role[];
  /** True after a one-time password: every route but me, password and logout answers 403 until it changes. */
  mustChangePassword: boolean;
  /**
   * Who may use each route the dashboard shows or hides something by, read from the routes' own
   * @Roles (the facts the guard checks), so that the dashboard never keeps a copy of them.
   */
  routeRoles: RouteRoles;
}

/** One user as GET /api/users lists it (never the password hash). */
export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  mustChangePassword: boolean;
  disabled: boolean;
  createdAt: string;
}

/** POST /api/users and POST /api/users/:id/reset: the user and a password shown once. */
export interface OneTimePasswordDto {
  user: UserDto;
  oneTimePassword: string;
}
