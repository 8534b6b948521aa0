// Every API request goes through here: on a 401 (no session, or it ended) the dashboard first tries
// the demo's sign-in when the 401 says there is one (only `npm start`'s demo on localhost offers it),
// and otherwise goes to the sign-in page, which brings the user back to where they were.

/** Sign-in routes answer 401 as an answer (a wrong password), not as "go and sign in". */
const signInRoutes = ['/api/auth/login', '/api/auth/demo', '/api/auth/password'];

let demoAttempt: Promise<boolean> | null = null;

/** Tries the demo's sign-in once per page load; true when it signed this browser in. */
export function tryDemoSignIn(): Promise<boolean> {
  demoAttempt ??= fetch('/api/auth/demo', { method: 'POST', headers: { accept: 'application/json' } })
    .then((response) => response.ok)
    .catch(() => false);
  return demoAttempt;
}

/** The sign-in page, with the address to return to afterwards. */
export function signInHref(returnTo: string): string {
  return returnTo === '/' || returnTo.startsWith('/login')
    ? '/login'
    : `/login?${new URLSearchParams({ next: returnTo })}`;
}

/**
 * A return path from the sign-in page's `next` parameter: only a path of this site (`/…`, never
 * `//other.site` or `https://…`), so a crafted link cannot send a user elsewhere after signing in.
 */
export function safeReturnPath(next: string | null): string {
  return next && /^\/(?![/\\])/.test(next) && !next.startsWith('/login') ? next : '/';
}

/** fetch for API paths: on a 401 tries the demo's sign-in and the request again, else goes to /login. */
export async function fetchWithSession(path: string, init: RequestInit): Promise<Response> {
  const response = await fetch(path, init);
  if (response.status !== 401 || signInRoutes.some((route) => path.startsWith(route))) {
    return response;
  }
  if (response.headers.has('x-eqa-demo-sign-in') && (await tryDemoSignIn())) {
    const again = await fetch(path, init);
    if (again.status !== 401) {
      return again;
    }
  }
  if (window.location.pathname !== '/login') {
    window.location.assign(signInHref(`${window.location.pathname}${window.location.search}`));
  }
  return response;
}
