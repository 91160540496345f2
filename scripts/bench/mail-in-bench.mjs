#!/usr/bin/env node
// Mail-in benchmark: mails read over IMAP from a real Dovecot on 127.0.0.1 and turned into tickets,
// per second, on SQLite and (when DESKSIDE_BENCH_PG_URL or DESKSIDE_TEST_PG_URL names a server)
// PostgreSQL. The mailbox is DESKSIDE_BENCH_IMAP_URL / DESKSIDE_TEST_IMAP_URL, or the one
// scripts/ci/start-dovecot.sh starts. Each run fills a folder of its own with a mix of the test
// corpus (plain, GB2312, GBK, GB18030, UTF-8, HTML-only, attachments) and deletes it afterwards.
//
//   npm run bench:mail-in
//   DESKSIDE_BENCH_MAILS=200 npm run bench:mail-in     quicker
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { ImapFlow } from 'imapflow';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = join(ROOT, 'server', 'dist');
const MAILS = Number(process.env.DESKSIDE_BENCH_MAILS ?? 1000);
const PG_URL = process.env.DESKSIDE_BENCH_PG_URL ?? process.env.DESKSIDE_TEST_PG_URL;
const IMAP_URL =
  process.env.DESKSIDE_BENCH_IMAP_URL ?? process.env.DESKSIDE_TEST_IMAP_URL ?? execFileSync('bash', [join(ROOT, 'scripts', 'ci', 'start-dovecot.sh')], { encoding: 'utf8' }).trim();

const { openDatabase, migrate } = await import(pathToFileURL(join(DIST, 'storage', 'database.js')).href);
const { Store } = await import(pathToFileURL(join(DIST, 'storage', 'store.js')).href);
const { FsBlobStore } = await import(pathToFileURL(join(DIST, 'attachments', 'fs-blob-store.js')).href);
const { parseImapUrl } = await import(pathToFileURL(join(DIST, 'mail-in', 'imap-url.js')).href);
const { readMailboxOnce } = await import(pathToFileURL(join(DIST, 'mail-in', 'mailbox-reader.js')).href);

const fixtures = join(ROOT, 'server', 'test', 'fixtures', 'mail');
const people = ['plain-english.eml', 'gb2312-base64.eml', 'gbk-quoted-printable.eml', 'gb18030-base64.eml', 'utf8-8bit.eml', 'html-only.eml', 'attachments.eml'];
const corpus = people.filter((f) => readdirSync(fixtures).includes(f)).map((f) => readFileSync(join(fixtures, f), 'latin1'));

async function run(kind) {
  const settings = { ...parseImapUrl(IMAP_URL), mailbox: `bench-${kind}-${randomBytes(4).toString('hex')}` };
  const client = new ImapFlow({ host: settings.host, port: settings.port, secure: settings.secure, auth: { user: settings.user, pass: settings.password }, logger: false });
  await client.connect();
  await client.mailboxCreate(settings.mailbox);
  for (let i = 0; i < MAILS; i += 1) {
    // A distinct Message-ID each, or the repeats would be recognised as copies and skipped.
    const source = corpus[i % corpus.length].replace(/^Message-ID: <([^>]+)>/m, `Message-ID: <bench-${i}-$1>`);
    await client.append(settings.mailbox, Buffer.from(source, 'latin1'));
  }
  const dir = mkdtempSync(join(tmpdir(), 'deskside-mail-bench-'));
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const handle = kind === 'sqlite' ? openDatabase(`sqlite:${join(dir, 'deskside.db')}`) : openDatabase(PG_URL, { schema, poolSize: 4 });
  await migrate(handle, kind === 'postgres' ? { schema } : {});
  const store = new Store(handle, () => Date.now());
  const blobs = new FsBlobStore(join(dir, 'attachments'));
  const started = process.hrtime.bigint();
  let tickets = 0;
  for (;;) {
    const round = await readMailboxOnce(settings, { store, blobs });
    tickets += round.tickets;
    if (round.tickets + round.comments + round.skipped + round.recovered === 0) break;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await client.mailboxDelete(settings.mailbox);
  await client.logout();
  if (kind === 'postgres') await handle.db.schema.dropSchema(schema).ifExists().cascade().execute();
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
  return { kind, mails: MAILS, tickets, seconds, perSecond: tickets / seconds };
}

console.log(`mail-in benchmark: ${MAILS} mails, ${cpus().length} cores, load ${loadavg()[0].toFixed(1)}`);
for (const kind of PG_URL ? ['sqlite', 'postgres'] : ['sqlite']) {
  const r = await run(kind);
  console.log(`${r.kind}: ${r.tickets} tickets from ${r.mails} mails in ${r.seconds.toFixed(1)} s = ${r.perSecond.toFixed(1)} mails/s`);
  if (r.tickets !== r.mails) process.exitCode = 1;
}
