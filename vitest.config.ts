import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,node,cli,electron,renderer,scripts,bench}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
    // Tests that start the real `descent` run the bundle: rebuild it first if sources changed.
    globalSetup: ['scripts/build-cli.mjs'],
  },
});
