import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const sharedSource = fileURLToPath(new URL('./shared/src/index.ts', import.meta.url));
const sharedInventorySource = fileURLToPath(new URL('./shared/src/inventory-contract.ts', import.meta.url));
const sharedMarkdownSource = fileURLToPath(new URL('./shared/src/kb/article-markdown.ts', import.meta.url));
// Exact matches: a bare '@deskside/shared' alias would also rewrite '@deskside/shared/inventory'.
const alias = [
  { find: /^@deskside\/shared$/u, replacement: sharedSource },
  { find: /^@deskside\/shared\/inventory$/u, replacement: sharedInventorySource },
    { find: /^@deskside\/shared\/article-markdown$/u, replacement: sharedMarkdownSource },
];

// The tray app: main (ESM, Node), preload (CommonJS, one self-contained file: sandboxed preloads cannot
// load modules) and the React renderer, all into out/.
export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      // The shared contract is bundled so the packaged app does not need shared/dist.
      externalizeDeps: { exclude: ['@deskside/shared'] },
      rollupOptions: { input: { index: 'main/index.ts' } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: 'main/preload/index.ts' },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    resolve: { alias },
    plugins: [react()],
    base: './',
    build: {
      outDir: 'out/renderer',
      emptyOutDir: true,
      // No inline scripts or styles: the CSP allows only our own files.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      rollupOptions: { input: { index: 'renderer/index.html' } },
    },
  },
});
