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

// One run covers every workspace: Node code in a Node environment, UI code in a DOM environment.
export default defineConfig({
  resolve,
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/renderer/**', 'test/e2e/**'],
        },
      },
      {
        resolve,
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
        },
      },
      {
        resolve,
        test: {
          name: 'server',
          environment: 'node',
          include: ['server/test/**/*.test.ts'],
          exclude: ['server/test/console/**', 'server/test/e2e/**'],
        },
      },
      {
        resolve,
        test: {
          name: 'console',
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
