import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { LIMITS } from '@deskside/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { attachmentType } from '../../../agent/tickets/attachment-type.js';
import { composeTicket } from '../../../agent/tickets/compose-ticket.js';
import { defaultContact, mergeContact } from '../../../agent/tickets/contact.js';
import { withTempDir } from '../helpers/temp-dir.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const base = { contact: { name: 'marie', email: null, phone: null }, diagnostics: null, screenshotsAllowed: true, now: new Date('2026-11-29T09:00:00.000Z') };

describe('composeTicket', () => {
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  beforeEach(async () => {
    tmp = await withTempDir();
  });
  afterEach(() => tmp.cleanup());

  it('builds a valid submission with hashed attachments and a screenshot, in any language', async () => {
    const log = join(tmp.dir, 'journal d’erreurs.log');
    await writeFile(log, 'Fehler: Drucker offline\n');
    const { submission, attachments } = await composeTicket({
      ...base,
      draft: { subject: '  打印机无法打印  ', description: 'Ça ne marche plus.\n'.repeat(500), urgency: 'high', impact: 'team', attachments: [{ path: log }], screenshot: { bytes: PNG, type: 'image/png' }, contact: { email: 'marie@example.com' } },
    });
    expect(submission.subject).toBe('打印机无法打印');
    expect(submission.contact).toEqual({ name: 'marie', email: 'marie@example.com', phone: null });
    expect(submission.attachments).toEqual([
      { field: 'screenshot-0', name: 'screenshot.png', type: 'image/png', size: PNG.length, sha256: createHash('sha256').update(PNG).digest('hex'), role: 'screenshot' },
      { field: 'file-0', name: 'journal d’erreurs.log', type: 'text/plain', size: 24, sha256: createHash('sha256').update('Fehler: Drucker offline\n').digest('hex'), role: 'file' },
    ]);
    expect(attachments.map((a) => a.field)).toEqual(['screenshot-0', 'file-0']);
    expect(submission.category).toBe('other');
  });

  it('refuses what cannot be sent, with a clear message', async () => {
    await expect(composeTicket({ ...base, draft: { subject: ' ', description: '' } })).rejects.toThrow('A subject is required');
    await expect(composeTicket({ ...base, draft: { subject: 'x'.repeat(201), description: '' } })).rejects.toThrow(/limit is 200/);
    await expect(composeTicket({ ...base, screenshotsAllowed: false, draft: { subject: 's', description: '', screenshot: { bytes: PNG, type: 'image/png' } } })).rejects.toThrow(/turned off by your organisation/);
    await expect(composeTicket({ ...base, draft: { subject: 's', description: '', attachments: [{ path: join(tmp.dir, 'missing.pdf') }] } })).rejects.toThrow(/"missing.pdf" was not added: it cannot be read \(ENOENT\)/);
    const big = join(tmp.dir, 'big.zip');
    await writeFile(big, Buffer.alloc(LIMITS.attachmentBytes + 1));
    await expect(composeTicket({ ...base, draft: { subject: 's', description: '', attachments: [{ path: big }] } })).rejects.toThrow(/the limit is 10 MiB/);
    const many = Array.from({ length: 11 }, () => ({ path: big }));
    await expect(composeTicket({ ...base, draft: { subject: 's', description: '', attachments: many } })).rejects.toThrow(/11 attachments; the limit is 10/);
  });
});

describe('attachmentType', () => {
  it('checks content against the extension and refuses programs', () => {
    expect(attachmentType('a.PNG', PNG)).toBe('image/png');
    expect(attachmentType('notes', Buffer.from('hi'))).toBe('application/octet-stream');
    expect(() => attachmentType('invoice.pdf', Buffer.from('MZ\x90\x00'))).toThrow(/program/);
    expect(() => attachmentType('report.pdf', Buffer.from('hello'))).toThrow(/not application\/pdf/);
    expect(() => attachmentType('setup.exe', Buffer.from('x'))).toThrow(/programs and scripts/);
    expect(() => attachmentType('fix.ps1', Buffer.from('x'))).toThrow(/programs and scripts/);
  });
});

describe('contact', () => {
  it('prefills from the previous ticket, else the OS account', () => {
    const prev = { name: 'Marie Dupont', email: 'm@example.com', phone: '+33 1 23' };
    expect(defaultContact(prev, () => 'ignored')).toEqual(prev);
    expect(defaultContact(null, () => 'mdupont')).toEqual({ name: 'mdupont', email: null, phone: null });
    expect(mergeContact(prev, { phone: '' })).toEqual({ ...prev, phone: null });
  });
});
