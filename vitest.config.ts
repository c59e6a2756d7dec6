import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/ensureChromium.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // The page answers within a frame or two, but a loaded two-core machine can hold a step for
          // over a second (the 1 s default): a condition that never comes true still fails, later.
          expect: { poll: { timeout: 5_000 } },
          // One browser at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
})
