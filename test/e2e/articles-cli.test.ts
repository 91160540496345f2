import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCli } from '../agent/helpers/run-cli.js';
import { canRunTs } from '../agent/helpers/run-ts.js';
import { startServer, type RunningServer } from './tray-harness.js';

/** `deskside-agent articles` over the real server, then from its offline copy once the server is gone. */
describe.skipIf(!canRunTs)('deskside-agent articles', () => {
  let dir: string;
  let server: RunningServer;
  const cli = (...args: string[]) => runCli(['--data-dir', join(dir, 'agent'), ...args], { LANG: 'en_GB.UTF-8' });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'deskside-articles-cli-'));
    server = await startServer(join(dir, 'server'));
    const author = { id: '00000000-0000-4000-8000-000000000001', name: 'IT' };
    const write = (title: string, zh: string, body: string, visibility: 'everyone' | 'technicians' = 'everyone') =>
      server.store.db.transaction().execute((trx) =>
        server.store.articles.create(trx, { texts: [{ locale: 'en', title, body }, { locale: 'zh-CN', title: zh, body }], category: 'Printing', tags: [], visibility, status: 'published' }, author, null),
      );
    await write('Printer offline', '打印机脱机', 'Turn the **printer** off and on.');
    await write('Reset your password', '重置密码', 'Use the self-service portal.');
    await write('Internal: print server', '内部：打印服务器', 'Restart the spooler on PRINT01.', 'technicians');
    const secret = (await server.store.secrets.create({ label: 'cli', createdBy: 'test' })).value;
    const enrolled = await cli('enroll', '--server', server.url, '--enroll-secret', secret);
    expect(enrolled.code, enrolled.stderr).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await server?.stop().catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 30_000);

  it('searches in English and Chinese through the server', { timeout: 60_000 }, async () => {
    const english = await cli('articles', '--search', 'printer offline');
    expect(english.code, english.stderr).toBe(0);
    expect(english.stdout.split('\n')[0]).toBe('Printer offline  [Printing]');
    expect(english.stdout).toContain('Turn the printer off and on.');
    const chinese = await cli('articles', '--search', '打印', '--json');
    const result = JSON.parse(chinese.stdout) as { source: string; articles: { title: string; body: string }[] };
    expect(result.source).toBe('server');
    expect(result.articles.map((a) => a.title)).toEqual(['Printer offline']);
    expect(result.articles[0]?.body).toBe('Turn the **printer** off and on.');
  });

  it('lists the public articles, and keeps them for reading and searching offline', { timeout: 90_000 }, async () => {
    const list = await cli('articles', '--json');
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { articles: { title: string }[] }).articles.map((a) => a.title).sort()).toEqual(['Printer offline', 'Reset your password']);
    await server.stop();
    const offline = await cli('articles', '--search', 'pasword', '--json');
    expect(offline.code).toBe(0);
    const result = JSON.parse(offline.stdout) as { source: string; error: string | null; articles: { title: string }[] };
    expect(result.source).toBe('offline');
    expect(result.error).not.toBeNull();
    expect(result.articles.map((a) => a.title)).toEqual(['Reset your password']);
    expect(offline.stderr).toContain('searched the offline copy');
    const empty = await cli('articles', '--search', '  ');
    expect(empty.code).toBe(64);
  });
});
