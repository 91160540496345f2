import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { safeFileName, saveDownload } from '../../../main/handlers/save-download.js';

describe('saving a ticket file for the user', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'deskside-save-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the name a person gave, minus paths and what an OS refuses', () => {
    expect(safeFileName('报告 2026.pdf')).toBe('报告 2026.pdf');
    expect(safeFileName('C:\\Users\\x\\..\\evil.txt')).toBe('evil.txt');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('a<b>c:d"e|f?g*h\u0007.txt')).toBe('a_b_c_d_e_f_g_h_.txt');
    expect(safeFileName('CON.txt')).toBe('_CON.txt');
    expect(safeFileName('notes. . ')).toBe('notes');
    expect(safeFileName('..')).toBe('file');
    expect(safeFileName('')).toBe('file');
    const long = safeFileName(`${'长'.repeat(300)}.log`);
    expect(long.length).toBe(200);
    expect(long.endsWith('.log')).toBe(true);
  });

  it('never overwrites: a taken name gets the next free number, even when saved twice at once', async () => {
    const [a, b] = await Promise.all([saveDownload(dir, 'steps.txt', Buffer.from('one')), saveDownload(dir, 'steps.txt', Buffer.from('two'))]);
    expect(new Set([a, b])).toEqual(new Set([join(dir, 'steps.txt'), join(dir, 'steps (2).txt')]));
    const third = await saveDownload(dir, 'steps.txt', Buffer.from('three'));
    expect(third).toBe(join(dir, 'steps (3).txt'));
    expect((await readdir(dir)).sort()).toEqual(['steps (2).txt', 'steps (3).txt', 'steps.txt']);
    expect(await readFile(third, 'utf8')).toBe('three');
  });
});
