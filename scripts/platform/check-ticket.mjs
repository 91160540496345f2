#!/usr/bin/env node
// Checks on the loopback server (scripts/platform/loopback-server.mjs) that a ticket with the given
// subject arrived, through the technicians' console API. Exit code 0 when it did, 1 when not.
//
//   node scripts/platform/check-ticket.mjs <state-dir> <subject>
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [stateArg, subject] = process.argv.slice(2);
if (!stateArg || !subject) {
  process.stderr.write('usage: check-ticket.mjs <state-dir> <subject>\n');
  process.exit(2);
}
const { url, adminUsername, adminPassword } = JSON.parse(readFileSync(join(resolve(stateArg), 'server.json'), 'utf8'));
const api = `${url}/api/v1/console`;

const login = await fetch(`${api}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: adminUsername, password: adminPassword }) });
if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
const list = await fetch(`${api}/tickets?q=${encodeURIComponent(subject)}`, { headers: { cookie } });
if (!list.ok) throw new Error(`ticket list failed: ${list.status} ${await list.text()}`);
const page = await list.json();
const found = (page.items ?? []).filter((t) => t.subject === subject);
if (found.length === 0) {
  process.stderr.write(`no ticket "${subject}" on ${url} (the list had ${(page.items ?? []).length})\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(`ticket "${subject}" is on the server (${found.length} found)\n`);
}
