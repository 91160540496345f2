#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { PasswordSchema, UsernameSchema } from '@deskside/shared';
import { Command, InvalidArgumentError, Option } from 'commander';
import { z } from 'zod';

import { superviseWorkers, isClusterWorker, runWorker } from './cluster.js';
import { resolveConfig, type ConfigInput } from './config.js';
import { openRuntime } from './runtime.js';
import { startServer, stopOnSignals } from './server.js';
import { migrate, openDatabase } from './storage/database.js';
import { DuplicateUsernameError } from './storage/technicians-repo.js';
import { SERVER_VERSION } from './version.js';

interface CommonFlags extends ConfigInput {
  readonly db?: string;
  readonly dataDir?: string;
}

const dbOption = () => new Option('--db <url>', 'database: sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DB (env DESKSIDE_DB)');
const dataDirOption = () => new Option('--data-dir <dir>', 'folder for the SQLite database and attachments (env DESKSIDE_DATA_DIR)');

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (then Enter, then Ctrl-D): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // Only the line ending is stripped: spaces inside a passphrase are kept.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function withRuntime<T>(flags: CommonFlags, work: (rt: Awaited<ReturnType<typeof openRuntime>>) => Promise<T>): Promise<T> {
  const rt = await openRuntime(resolveConfig(flags));
  try {
    return await work(rt);
  } finally {
    await rt.close();
  }
}

export function buildProgram(): Command {
  const program = new Command('deskside-server').description('Deskside central server').version(SERVER_VERSION).showHelpAfterError();

  program
    .command('start')
    .description('run the server (migrates the database first)')
    .option('--host <host>', 'address to listen on (env DESKSIDE_HOST)', undefined)
    .option('--port <port>', 'port to listen on (env DESKSIDE_PORT)', undefined)
    .option('--workers <n>', 'server processes sharing the port, to use more CPU cores (env DESKSIDE_WORKERS; default 1)', undefined)
    .option('--attachments <location>', 'attachment storage: a folder (default <data-dir>/attachments) or s3://BUCKET[/PREFIX] (env DESKSIDE_ATTACHMENTS; AWS_* variables for the endpoint, region and keys)', undefined)
    .addOption(dbOption())
    .addOption(dataDirOption())
    .action(async (flags: CommonFlags) => {
      const config = resolveConfig(flags);
      if (config.workers === 1) {
        stopOnSignals(await startServer(config));
      } else if (isClusterWorker()) {
        await runWorker(config);
      } else {
        await superviseWorkers(config);
      }
    });

  program
    .command('migrate')
    .description('apply pending database migrations and exit')
    .addOption(dbOption())
    .addOption(dataDirOption())
    .action(async (flags: CommonFlags) => {
      const config = resolveConfig(flags);
      const handle = openDatabase(config.databaseUrl);
      try {
        const applied = await migrate(handle);
        console.log(applied.length === 0 ? `Database ${handle.description} is up to date.` : `Applied ${applied.join(', ')} to ${handle.description}.`);
      } finally {
        await handle.close();
      }
    });

  const admin = program.command('admin').description('manage technician accounts');
  admin
    .command('create')
    .description('create an administrator (password read from standard input)')
    .requiredOption('--username <name>', 'sign-in name')
    .option('--display-name <name>', 'name shown to colleagues and users')
    .option('--role <role>', 'admin or technician', 'admin')
    .option('--email <address>', 'where their mail notifications go')
    .option('--password-stdin', 'read the password from standard input (required: passwords never go on the command line)')
    .addOption(dbOption())
    .addOption(dataDirOption())
    .action(async (flags: CommonFlags & { username: string; displayName?: string; role: string; email?: string; passwordStdin?: boolean }) => {
      if (flags.passwordStdin !== true) throw new Error('pass --password-stdin and pipe the password in');
      if (flags.role !== 'admin' && flags.role !== 'technician') throw new Error('--role must be admin or technician');
      const username = UsernameSchema.parse(flags.username.toLowerCase());
      const email = flags.email === undefined ? null : z.email().max(320).safeParse(flags.email.trim());
      if (email !== null && !email.success) throw new Error(`--email: "${flags.email}" is not a mail address`);
      const password = PasswordSchema.safeParse(await readStdin());
      if (!password.success) throw new Error(password.error.issues[0]?.message ?? 'invalid password');
      await withRuntime(flags, async ({ store }) => {
        try {
          const t = await store.technicians.create({ username, displayName: flags.displayName ?? username, password: password.data, role: flags.role as 'admin' | 'technician', email: email?.data ?? null });
          await store.audit.record(
            { actor: { kind: 'system', id: null, name: 'cli' }, action: 'technician.create', target: { kind: 'technician', id: t.id }, details: { username, role: t.role, email: t.email ?? null } },
            store.clock(),
          );
          console.log(`Created ${t.role} "${t.username}".`);
        } catch (err) {
          if (err instanceof DuplicateUsernameError) throw new Error(err.message, { cause: err });
          throw err;
        }
      });
    });

  const secrets = program.command('enroll-secret').description('manage enrollment secrets');
  secrets
    .command('create')
    .description('create a secret devices enroll with; printed once')
    .option('--label <label>', 'what it is for', 'default')
    .option('--expires-in-days <days>', 'expiry', positive)
    .option('--max-uses <n>', 'how many enrollments it allows', positive)
    .addOption(dbOption())
    .addOption(dataDirOption())
    .action(async (flags: CommonFlags & { label: string; expiresInDays?: number; maxUses?: number }) => {
      await withRuntime(flags, async ({ store }) => {
        const { secret, value } = await store.secrets.create({ label: flags.label, expiresInDays: flags.expiresInDays, maxUses: flags.maxUses, createdBy: 'cli' });
        await store.audit.record(
          { actor: { kind: 'system', id: null, name: 'cli' }, action: 'enroll-secret.create', target: { kind: 'enroll-secret', id: secret.id }, details: { label: secret.label, prefix: secret.prefix } },
          store.clock(),
        );
        console.error(`Enrollment secret ${secret.id} "${secret.label}"${secret.expiresAt ? ` (expires ${secret.expiresAt})` : ''}. Shown once:`);
        console.log(value);
      });
    });
  secrets
    .command('list')
    .description('list enrollment secrets (never their values)')
    .option('--json', 'machine-readable output')
    .addOption(dbOption())
    .addOption(dataDirOption())
    .action(async (flags: CommonFlags & { json?: boolean }) => {
      await withRuntime(flags, async ({ store }) => {
        const list = await store.secrets.list();
        if (flags.json === true) return console.log(JSON.stringify(list, null, 2));
        if (list.length === 0) return console.log('No enrollment secrets.');
        for (const s of list) {
          console.log([s.id, s.state.padEnd(8), s.prefix, `uses ${s.uses}${s.maxUses === null ? '' : `/${s.maxUses}`}`, s.expiresAt ?? 'no expiry', s.label].join('  '));
        }
      });
    });
  secrets
    .command('revoke')
    .description('revoke an enrollment secret; enrolled devices keep working')
    .argument('<id>', 'secret id from `enroll-secret list`')
    .addOption(dbOption())
    .addOption(dataDirOption())
    .action(async (id: string, flags: CommonFlags) => {
      await withRuntime(flags, async ({ store }) => {
        if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error('expected a secret id (UUID) from `enroll-secret list`');
        const s = await store.secrets.revoke(id);
        if (s === null) throw new Error(`no enrollment secret ${id}`);
        await store.audit.record({ actor: { kind: 'system', id: null, name: 'cli' }, action: 'enroll-secret.revoke', target: { kind: 'enroll-secret', id: s.id }, details: { label: s.label } }, store.clock());
        console.log(`Revoked ${s.id} "${s.label}".`);
      });
    });
  return program;
}

function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    // The script may be reached through a symlink: compare real paths.
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/** Runs the command line; errors end the process with status 1 and a one-line message. */
export async function runCli(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (err) {
    console.error(`deskside-server: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

// `node server/dist/cli.js …` (the launcher in bin/ calls runCli itself).
if (invokedDirectly()) void runCli(process.argv);
