import { defineConfig } from 'vitest/config';

// .ci/run sets EQA_VITEST_JSON to collect a JSON report for its closing "N passed, N failed" line.
const jsonReport = process.env.EQA_VITEST_JSON;

export default defineConfig({
  // Vite 8 transforms TypeScript with Oxc; tsconfig's decorator options reach only the files the
  // tsconfig includes, so set them here for every file (NestJS needs design:paramtypes metadata).
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/setup/global-postgres.ts'],
    env: { TZ: 'UTC' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: jsonReport ? ['default', 'json'] : ['default'],
    outputFile: jsonReport ? { json: jsonReport } : undefined,
  },
});
