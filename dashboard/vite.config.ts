import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // No svelte.config.js: Svelte 5 strips TypeScript itself, so the defaults are all this needs.
  plugins: [svelte({ configFile: false })],
  build: {
    outDir: fileURLToPath(new URL('../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    // The libraries apart from the pages: each chunk stays under Vite's 500 kB warning, and a new
    // version of the dashboard's own code leaves the browser's cached libraries valid.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'chart', test: /[\\/]node_modules[\\/](chart\.js|@kurkle)[\\/]/ },
            { name: 'arrow', test: /[\\/]node_modules[\\/](apache-arrow|flatbuffers|tslib)[\\/]/ },
            { name: 'vendor', test: /[\\/]node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
