import { defineConfig } from 'vitest/config';

// KEEPALIVE_GUARD_REPORT=<file> adds a JSON report, which .ci/run reads for its summary line.
const jsonReport = process.env['KEEPALIVE_GUARD_REPORT'];

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
  },
});
