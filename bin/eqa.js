#!/usr/bin/env node
// The `eqa` command: runs the built command line (npm run build:server makes it).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/server/src/cli/eqa.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('eqa: not built yet: run `npm run build:server` (or `npm run eqa -- …`, which builds first)');
  process.exit(1);
}
await import(entry.href);
