import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/packaging/**/*.test.ts', 'test/security/**/*.test.ts'],
    environment: 'node',
    // Generous: integration tests start real processes (the CLI, the lab shell), and a loaded
    // two-core CI machine must not turn slowness into failures. Hangs still end.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
