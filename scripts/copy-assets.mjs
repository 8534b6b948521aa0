// tsc emits only JavaScript; the SQL, YAML and TSV files that etl/ and server/ load at run time sit
// beside their modules, so mirror them into dist/ under the same relative paths.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const assetExtensions = ['.sql', '.yaml', '.tsv'];
const roots = ['etl/src', 'server/src'];

function copyAssets(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      copyAssets(path);
    } else if (assetExtensions.some((ext) => name.endsWith(ext))) {
      cpSync(path, join('dist', path), { force: true });
    }
  }
}

for (const root of roots) {
  copyAssets(root);
}
