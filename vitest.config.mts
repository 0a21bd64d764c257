import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/packaging/**/*.test.ts', 'test/security/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
