import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Database suites open PGlite (WASM) and fresh PostgreSQL databases; start-up tests spawn the bot.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
