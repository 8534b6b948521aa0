/** The part of a request that may carry the signed-in user (set by the session middleware, once there is one). */
export interface ActorRequest {
  user?: { username?: string | null } | null;
}

/** Who is acting, for the audit log: the signed-in user's name, or 'local' when nobody is signed in. */
export function actorOf(request: ActorRequest): string {
  return request.user?.username || 'local';
}
