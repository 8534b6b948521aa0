import { createServer } from 'node:net';

/** True when nothing listens on `port` of 127.0.0.1 (checked by listening on it for a moment). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

/** The first free port from `preferred` upwards (wrapping below 65536); throws after `attempts` tries. */
export async function findFreePort(preferred: number, attempts = 200): Promise<number> {
  for (let i = 0; i < attempts; i++) {
    const port = 1024 + ((preferred - 1024 + i) % (65536 - 1024));
    if (await isPortFree(port)) {
      return port;
    }
  }
  throw new Error(`No free port on 127.0.0.1 between ${preferred} and ${preferred + attempts - 1}`);
}
