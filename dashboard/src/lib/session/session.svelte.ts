import type { Me } from '../api/auth.api.js';

/** The signed-in user, shared by the header and the sign-in page; null until known or when signed out. */
export const session: { me: Me | null } = $state({ me: null });
