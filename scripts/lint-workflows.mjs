#!/usr/bin/env node
// `npm run lint:workflows`: every GitHub workflow in .github/workflows checked against the workflow
// schema by action-validator, and the shell scripts those workflows run (scripts/platform/*.sh) by
// shellcheck. Exit code 1 when either finds a problem.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const inFolder = (folder, pattern) =>
  readdirSync(join(root, folder))
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => join(folder, name));

const workflows = inFolder('.github/workflows', /\.ya?ml$/);
const shellScripts = inFolder('scripts/platform', /\.sh$/);
const validator = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'action-validator.cmd' : 'action-validator');

let failed = false;
function check(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' && command.endsWith('.cmd') });
  if (result.error) {
    process.stderr.write(`lint:workflows: ${command} could not run: ${result.error.message}\n`);
    failed = true;
  } else if (result.status !== 0) failed = true;
}

for (const workflow of workflows) check(validator, [workflow]);
if (shellScripts.length > 0) check('shellcheck', shellScripts);
process.stdout.write(`lint:workflows: ${workflows.length} workflow(s), ${shellScripts.length} shell script(s) ${failed ? 'with problems' : 'clean'}\n`);
process.exitCode = failed ? 1 : 0;
