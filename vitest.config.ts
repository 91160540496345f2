import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

const sharedSource = fileURLToPath(new URL('./shared/src/index.ts', import.meta.url));
const sharedInventorySource = fileURLToPath(new URL('./shared/src/inventory-contract.ts', import.meta.url));
const sharedGlpiSource = fileURLToPath(new URL('./shared/src/glpi/glpi-inventory.ts', import.meta.url));
const sharedMarkdownSource = fileURLToPath(new URL('./shared/src/kb/article-markdown.ts', import.meta.url));
// Exact matches: a bare '@deskside/shared' alias would also rewrite '@deskside/shared/inventory'.
const resolve = {
  alias: [
    { find: /^@deskside\/shared$/u, replacement: sharedSource },
    { find: /^@deskside\/shared\/inventory$/u, replacement: sharedInventorySource },
    { find: /^@deskside\/shared\/article-markdown$/u, replacement: sharedMarkdownSource },
    { find: /^@deskside\/shared\/glpi$/u, replacement: sharedGlpiSource },
  ],
};

/**
 * A test fails on what it checks, never on how busy the machine is: CI shares two cores with other
 * work, and a DOM test that takes 2 s alone can take 10 s there. Anything that can hang has its own
 * bounded wait inside the test.
 */
const patient = { testTimeout: 60_000, hookTimeout: 120_000 };

// One run covers every workspace: Node code in a Node environment, UI code in a DOM environment.
export default defineConfig({
  resolve,
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'node',
          ...patient,
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/renderer/**', 'test/e2e/**'],
        },
      },
      {
        resolve,
        test: {
          name: 'renderer',
          ...patient,
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
        },
      },
      {
        resolve,
        test: {
          name: 'server',
          ...patient,
          environment: 'node',
          include: ['server/test/**/*.test.ts'],
          exclude: ['server/test/console/**', 'server/test/e2e/**'],
        },
      },
      {
        resolve,
        test: {
          name: 'console',
          ...patient,
          environment: 'happy-dom',
          include: ['server/test/console/**/*.test.{ts,tsx}'],
        },
      },
      {
        resolve,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts', 'server/test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
