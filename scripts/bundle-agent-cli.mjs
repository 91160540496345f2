#!/usr/bin/env node
// Bundles the deskside-agent CLI (agent/cli.ts) into dist/agent/cli.js with its lazily loaded parts in
// dist/agent/chunks/, over the per-module output of `tsc -p tsconfig.node.json`.
//
// Why: the CLI is a short-lived process (every scheduled round and every `inventory` run starts one),
// and resolving and loading some three hundred modules one by one (zod alone is over a hundred files)
// cost more CPU than the collection itself. One file per command, OS and collector keeps what a run
// loads to what it uses. node-disk-info stays in node_modules: its worker thread loads it by path.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'agent');

rmSync(join(outDir, 'chunks'), { recursive: true, force: true });
await build({
  input: join(root, 'agent', 'cli.ts'),
  platform: 'node',
  cwd: root,
  tsconfig: join(root, 'tsconfig.node.json'),
  resolve: {
    // Source imports name the emitted .js files (NodeNext); the shared contract is bundled from source.
    extensionAlias: { '.js': ['.ts', '.js'] },
    conditionNames: ['source', 'node', 'import', 'default'],
  },
  // The PAC evaluator loads its WebAssembly runtime from its package folder, so it stays there too.
  external: ['node-disk-info', 'pac-resolver', 'quickjs-wasi'],
  logLevel: 'warn',
  output: {
    dir: outDir,
    format: 'esm',
    entryFileNames: 'cli.js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    // agent/cli.ts's shebang is kept: the file is executed directly (npm's bin link, the launchers).
    sourcemap: true,
  },
});
