import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const sharedSource = fileURLToPath(new URL('../../shared/src/index.ts', import.meta.url));
const sharedMarkdownSource = fileURLToPath(new URL('../../shared/src/kb/article-markdown.ts', import.meta.url));

// The console is served by the Deskside server at `/`; assets are content-hashed so they can be cached forever.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  // Exact matches: a bare '@deskside/shared' alias would also rewrite '@deskside/shared/article-markdown'.
  resolve: {
    alias: [
      { find: /^@deskside\/shared$/u, replacement: sharedSource },
      { find: /^@deskside\/shared\/article-markdown$/u, replacement: sharedMarkdownSource },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
  },
  // `vite` during development: the API calls go to a running Deskside server (same origin for the cookie).
  server: { host: '127.0.0.1', proxy: { '/api': process.env.DESKSIDE_SERVER_URL ?? 'http://127.0.0.1:8080' } },
});
