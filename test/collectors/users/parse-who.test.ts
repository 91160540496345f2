import { describe, expect, it } from 'vitest';

import { consoleUser, parseWho } from '../../../collectors/users/parse-who.js';
import { readFixture } from '../fake-system.js';

const now = new Date('2026-11-29T08:00:00.000Z');

describe('parseWho', () => {
  it('reads GNU ISO times as local time at the given offset', () => {
    expect(parseWho(readFixture('linux/system/who-gnu-iso.txt'), now, 60)).toEqual([
      { user: 'rene', terminal: 'tty2', startedAt: '2026-11-29T06:58:00.000Z', host: null, kind: 'console' },
      { user: 'rene', terminal: 'pts/1', startedAt: '2026-11-29T07:10:00.000Z', host: '10.20.30.40', kind: 'remote' },
    ]);
  });

  it('reads C-locale/BSD times and puts a future month in last year', () => {
    const entries = parseWho(readFixture('linux/system/who-c-locale.txt'), now, 0);
    expect(entries).toEqual([
      { user: 'root', terminal: 'pts/0', startedAt: '2026-11-29T07:58:00.000Z', host: '192.0.2.7', kind: 'remote' },
      { user: 'ana', terminal: ':0', startedAt: '2026-11-28T17:02:00.000Z', host: null, kind: 'console' },
      { user: 'ana', terminal: 'pts/2', startedAt: '2025-12-31T23:50:00.000Z', host: null, kind: 'other' },
    ]);
    expect(consoleUser(entries)).toBe('ana');
  });

  it('reads macOS console sessions and ignores garbage and empty output', () => {
    const text = 'rene     console  Nov 29 07:30 \nrene     ttys000  Nov 29 07:45 \nnot a who line\n';
    const entries = parseWho(text, now, 0);
    expect(entries.map((e) => [e.terminal, e.kind])).toEqual([
      ['console', 'console'],
      ['ttys000', 'other'],
    ]);
    expect(parseWho('', now, 0)).toEqual([]);
    expect(consoleUser([])).toBeNull();
  });
});
