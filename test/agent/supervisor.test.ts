import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { isDaemonInvocation } from '../../agent/cli.js';
import { readSchedule } from '../../agent/daemon/read-schedule.js';
import { Supervisor } from '../../agent/daemon/supervisor.js';
import { withTempDir } from './helpers/temp-dir.js';

/** A stand-in for `deskside-agent tick`: records its arguments and writes a schedule an hour ahead. */
const FAKE_ROUND = `
const fs = require('node:fs');
const path = require('node:path');
const args = process.argv.slice(1);
const dir = args[args.indexOf('--data-dir') + 1];
fs.appendFileSync(path.join(dir, 'rounds.log'), args.join(' ') + '\\n');
const later = new Date(Date.now() + 3600000).toISOString();
fs.writeFileSync(path.join(dir, 'state.json'), JSON.stringify({ nextCheckinAt: later, nextOutboxAt: null, nextInventoryAt: later }));
`;

/**
 * Each round is a real child process: on a loaded machine (load average 10 on two cores) starting one
 * takes seconds, so the tests wait for events, never for a time, with generous explicit bounds.
 */
const TEST_TIMEOUT_MS = 60_000;
const WAIT_MS = 45_000;

describe('daemon supervisor', { timeout: TEST_TIMEOUT_MS }, () => {
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  let supervisor: Supervisor | null = null;
  beforeEach(async () => {
    tmp = await withTempDir();
  });
  afterEach(async () => {
    // A failed assertion must not leave a supervisor starting rounds in a deleted folder.
    await supervisor?.stop();
    supervisor = null;
    await tmp.cleanup();
  }, TEST_TIMEOUT_MS);

  const rounds = async () => (await readFile(join(tmp.dir, 'rounds.log'), 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);
  const until = async (what: string, check: () => Promise<boolean> | boolean) => {
    const deadline = Date.now() + WAIT_MS;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`still waiting after ${WAIT_MS} ms for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('runs a round at start and on trigger, passes the options on, sleeps while nothing is due, stops cleanly', async () => {
    const logs: string[] = [];
    supervisor = new Supervisor({ dataDir: tmp.dir, configFile: '/etc/x.json', launcher: [process.execPath, '-e', FAKE_ROUND, '--'], log: (l) => logs.push(l) });
    supervisor.start();
    await until('the first round', async () => (await rounds()).length === 1);
    expect((await rounds())[0]).toBe(`--data-dir ${tmp.dir} --config /etc/x.json tick --reason start`);
    supervisor.trigger('signal');
    await until('the triggered round', async () => (await rounds()).length === 2);
    expect((await rounds())[1]).toContain('tick --reason signal');
    await supervisor.stop();
    expect(logs).toEqual([]);
  });

  it('reports a failing round and keeps going', async () => {
    const logs: string[] = [];
    supervisor = new Supervisor({ dataDir: tmp.dir, launcher: [process.execPath, '-e', 'process.exit(3)', '--'], log: (l) => logs.push(l) });
    supervisor.start();
    await until('the failed round to be reported', () => logs.length > 0);
    expect(logs[0]).toBe('round "start" ended with exit code 3');
    await supervisor.stop();
  });
});

describe('readSchedule', () => {
  it('reads due times, and says "unknown" for a missing or damaged state file', async () => {
    const tmp = await withTempDir();
    try {
      expect(await readSchedule(tmp.dir)).toBeNull();
      await writeFile(join(tmp.dir, 'state.json'), '{ damaged');
      expect(await readSchedule(tmp.dir)).toBeNull();
      await writeFile(join(tmp.dir, 'state.json'), JSON.stringify({ nextCheckinAt: '2026-11-29T09:15:00.000Z', nextOutboxAt: null, nextInventoryAt: 'soon' }));
      expect(await readSchedule(tmp.dir)).toEqual({ nextCheckinAt: new Date('2026-11-29T09:15:00.000Z'), nextOutboxAt: null, nextInventoryAt: null });
    } finally {
      await tmp.cleanup();
    }
  });
});

describe('isDaemonInvocation', () => {
  it('finds `run` after global options only', () => {
    expect(isDaemonInvocation(['run'])).toBe(true);
    expect(isDaemonInvocation(['--data-dir', '/var/lib/deskside', '--verbose', 'run'])).toBe(true);
    expect(isDaemonInvocation(['--config=/etc/d.json', 'run', '--help'])).toBe(true);
    expect(isDaemonInvocation(['sync'])).toBe(false);
    expect(isDaemonInvocation(['--help'])).toBe(false);
    expect(isDaemonInvocation(['ticket', '--subject', 'run'])).toBe(false);
    expect(isDaemonInvocation([])).toBe(false);
  });
});
