import type { CapturedScreen } from '@deskside/shared';
import { describe, expect, it } from 'vitest';


import { acceptFiles, areaFrom, attachmentType, moveBox, toBase64 } from '../../renderer/src/views/report/attachments';
import { buildDraft } from '../../renderer/src/views/report/build-draft';
import { context } from './fixtures';

const rules = { ...context.rules, maxFiles: 3, maxFileBytes: 20 };

describe('attachments', () => {
  it('types files by extension first, refuses what IT does not accept', () => {
    expect(attachmentType('LOG.TXT', '', rules)).toBe('text/plain');
    expect(attachmentType('scan.pdf', 'application/octet-stream', rules)).toBe('application/pdf');
    expect(attachmentType('setup.exe', 'application/x-msdownload', rules)).toBeNull();
    expect(attachmentType('archive.zip', 'application/zip', rules)).toBeNull(); // not in these rules
  });

  it('accepts within size and count, and says why the rest was refused', async () => {
    const files = [new File(['hello'], 'a.txt'), new File(['x'.repeat(21)], 'big.txt'), new File(['MZ'], 'x.exe'), new File(['b'], 'b.txt'), new File(['c'], 'c.txt')];
    const { accepted, problems } = await acceptFiles(files, rules, 1);
    expect(accepted.map((f) => [f.name, f.type, f.dataBase64])).toEqual([
      ['a.txt', 'text/plain', 'aGVsbG8='],
      ['b.txt', 'text/plain', 'Yg=='],
    ]);
    expect(problems).toEqual([{ kind: 'too-large', name: 'big.txt' }, { kind: 'wrong-type', name: 'x.exe' }, { kind: 'too-many' }]);
  });

  it('encodes large buffers to base64 without blowing the stack', () => {
    const bytes = new Uint8Array(300_000).fill(65);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('normalises a drag from any corner and clips it to the picture', () => {
    expect(areaFrom({ x: 120, y: 80 }, { x: -5, y: 10 }, { width: 100, height: 60 })).toEqual({ x: 0, y: 10, width: 100, height: 50 });
  });

  it('moves and resizes the keyboard box without leaving the picture', () => {
    const size = { width: 100, height: 50 };
    expect(moveBox({ x: 90, y: 0, width: 20, height: 10 }, 30, -5, false, size)).toEqual({ x: 80, y: 0, width: 20, height: 10 });
    expect(moveBox({ x: 10, y: 10, width: 20, height: 10 }, -50, 100, true, size)).toEqual({ x: 10, y: 10, width: 8, height: 40 });
  });

  it('builds the draft from what is kept: unticked screenshots and files are not sent', async () => {
    const shot: CapturedScreen = { id: 'display-1', displayName: 'Display 1', width: 2, height: 2, dataUrl: 'data:image/png;base64,AAAA' };
    const draft = await buildDraft(
      '5b0c9a3e-2d4f-4b8a-9c1e-7f6a5d4c3b2a',
      { subject: ' Hi ', description: 'd', category: 'other', urgency: 'low', impact: 'me', contact: context.contact, screenshots: [], files: [] },
      {
        screenshots: [
          { shot, include: true, areas: [{ x: 0, y: 0, width: 1, height: 1 }] },
          { shot: { ...shot, id: 'display-2' }, include: false, areas: [] },
        ],
        files: [
          { id: '1', name: 'keep.txt', type: 'text/plain', size: 1, dataBase64: 'YQ==', include: true },
          { id: '2', name: 'drop.txt', type: 'text/plain', size: 1, dataBase64: 'Yg==', include: false },
        ],
        keep: new Set(['network'] as const),
      },
      'run-9',
      'zh-CN',
      async (d) => ({ type: 'image/png', dataBase64: `rendered-${d.areas.length}` }),
    );
    expect(draft.subject).toBe('Hi');
    expect(draft.attachments).toEqual([
      { name: 'screenshot-display-1.png', type: 'image/png', role: 'screenshot', dataBase64: 'rendered-1' },
      { name: 'keep.txt', type: 'text/plain', role: 'file', dataBase64: 'YQ==' },
    ]);
    expect(draft.diagnostics).toEqual({ runId: 'run-9', keep: ['network'] });
    expect(draft.locale).toBe('zh-CN');
  });
});
