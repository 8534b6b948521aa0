import { sessionCookieName } from '../../contracts/auth.contract.js';

/** The session token in a Cookie header, or null. */
export function sessionTokenFrom(cookieHeader: string | string[] | undefined): string | null {
  const header = Array.isArray(cookieHeader) ? cookieHeader.join('; ') : (cookieHeader ?? '');
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === sessionCookieName) {
      const value = part.slice(eq + 1).trim();
      // Tokens are base64url; anything else is not ours and is not looked up.
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
    }
  }
  return null;
}

/**
 * The Set-Cookie value that sets (token) or clears (null) the session: httpOnly (no script reads it),
 * SameSite=Lax (other sites' forms and fetches do not send it), Path=/, Secure over https. No expiry:
 * the server ends the session after 12 idle hours.
 */
export function sessionCookie(token: string | null, secure: boolean): string {
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : [])];
  if (token === null) {
    attributes.push('Max-Age=0');
  }
  return [`${sessionCookieName}=${token ?? ''}`, ...attributes].join('; ');
}
