import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,cli,electron,renderer,bench}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
