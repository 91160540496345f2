#!/usr/bin/env node
// The `deskside-server` command. npm links a workspace's bins while `npm ci` runs, before `npm run build`
// has written dist/: a bin pointing into dist/ would not be linked on a fresh clone. This committed file
// is the link target, and it loads the built server when it runs.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(built)) {
  console.error('deskside-server: the server is not built yet: run `npm run build` (or `npm run build -w @deskside/server`) first.');
  process.exit(1);
}
const { runCli } = await import(built.href);
await runCli(process.argv);
