import type { Role } from '../../contracts/auth.contract.js';

/** Who a request acts for, set by the AuthGuard: `request.user` (common/http/actor.ts reads username). */
export interface RequestUser {
  /** null for the command line's hand-off token. */
  id: string | null;
  username: string;
  displayName: string;
  roles: Role[];
  mustChangePassword: boolean;
  /** The session's id (hash of its token); null for the hand-off token. */
  sessionId: string | null;
}

/** The parts of an Express request the auth code reads and writes. */
export interface AuthRequest {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  secure?: boolean;
  socket?: { remoteAddress?: string };
  user?: RequestUser;
}
