import { isIP } from 'node:net';

/** Whether `npm start`'s demo may sign the dashboard in as `demo` (admin); set once the server listens. */
export const DEMO_SIGN_IN = Symbol('DEMO_SIGN_IN');

export interface DemoSignIn {
  enabled: boolean;
}

/** Header of a 401 that says where the demo's sign-in is (sent only while it is on, to local requests). */
export const demoSignInHeader = 'x-eqa-demo-sign-in';

/** True for an address or host name that only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') {
    return true;
  }
  if (isIP(bare) === 4) {
    return bare.startsWith('127.');
  }
  return bare === '::1' || bare === '::ffff:127.0.0.1' || /^::ffff:127\./.test(bare);
}

/**
 * True when a request is plainly from this machine to a loopback address: its Host names a loopback
 * host (a page of another site that rebinds its name to 127.0.0.1 still sends its own name) and no
 * proxy header says it came from further away.
 */
export function isLocalRequest(headers: Record<string, string | string[] | undefined>): boolean {
  if (headers['x-forwarded-for'] || headers.forwarded || headers['x-real-ip']) {
    return false;
  }
  const host = typeof headers.host === 'string' ? headers.host : '';
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return name !== '' && isLoopback(name);
}
