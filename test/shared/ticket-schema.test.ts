import { LIMITS, TicketSubmissionSchema, apiError, ApiErrorSchema, priorityFor, CheckinResponseSchema, EnrollRequestSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { sampleInventory, sampleTicket } from './samples.js';

const paths = (v: unknown) => {
  const r = TicketSubmissionSchema.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('ticket submission schema', () => {
  it('accepts a ticket in Chinese with a screenshot and kept diagnostics', () => {
    expect(paths(sampleTicket())).toEqual([]);
  });

  it('accepts a description at the limit and rejects one past it', () => {
    expect(paths({ ...sampleTicket(), description: '长'.repeat(LIMITS.ticketDescription) })).toEqual([]);
    expect(paths({ ...sampleTicket(), description: '长'.repeat(LIMITS.ticketDescription + 1) })).toEqual(['description']);
  });

  it('rejects a ticket id that is not a UUID, an empty subject and a bad email', () => {
    const t = sampleTicket();
    expect(paths({ ...t, id: '42', subject: '', contact: { ...t.contact, email: 'marie@' } }).sort()).toEqual(['contact.email', 'id', 'subject']);
  });

  it('rejects attachment types outside the allow-list and bad hashes', () => {
    const t = sampleTicket();
    const bad = { ...t.attachments[0]!, type: 'application/x-msdownload', sha256: 'XYZ' };
    expect(paths({ ...t, attachments: [bad] }).sort()).toEqual(['attachments.0.sha256', 'attachments.0.type']);
  });

  it('rejects too many attachments and unknown keys', () => {
    const t = sampleTicket();
    const many = Array.from({ length: LIMITS.attachments + 1 }, (_, i) => ({ ...t.attachments[0]!, field: `f${i}` }));
    expect(paths({ ...t, attachments: many })).toEqual(['attachments']);
    expect(paths({ ...t, password: 'hunter2' })).toEqual(['']);
  });

  it('rejects diagnostics data past the per-item size cap', () => {
    const t = sampleTicket();
    const huge = { ...t.diagnostics!.items[0]!, data: { log: 'x'.repeat(70_000) } };
    expect(paths({ ...t, diagnostics: { ...t.diagnostics!, items: [huge] } })).toEqual(['diagnostics.items.0.data']);
  });
});

describe('priority from urgency and impact', () => {
  it('follows the matrix at its corners and middle', () => {
    expect(priorityFor('low', 'me')).toBe('low');
    expect(priorityFor('medium', 'me')).toBe('low');
    expect(priorityFor('medium', 'team')).toBe('medium');
    expect(priorityFor('high', 'team')).toBe('high');
    expect(priorityFor('critical', 'me')).toBe('high');
    expect(priorityFor('critical', 'organisation')).toBe('critical');
    expect(priorityFor('low', 'organisation')).toBe('medium');
  });
});

describe('device API messages and the error shape', () => {
  it('builds errors in the one shape and rejects other shapes', () => {
    expect(ApiErrorSchema.parse(apiError('validation_failed', 'subject: Too small', [{ path: 'subject' }]))).toBeTruthy();
    expect(ApiErrorSchema.safeParse({ message: 'nope' }).success).toBe(false);
    expect(ApiErrorSchema.safeParse({ error: { code: 'x', message: '' } }).success).toBe(false);
  });

  it('validates an enrollment request built from an inventory identity', () => {
    const req = { enrollSecret: 's3cret', device: sampleInventory().device, platform: 'win32', osName: 'Windows 11 Pro', agentVersion: '0.1.0' };
    expect(EnrollRequestSchema.safeParse(req).success).toBe(true);
    expect(EnrollRequestSchema.safeParse({ ...req, platform: 'beos' }).success).toBe(false);
  });

  it('rejects pushed settings out of bounds', () => {
    const base = { serverTime: '2026-11-29T08:00:00Z', settings: { checkinIntervalMinutes: 15 }, sendFullInventory: false, ticketUpdates: [], ticketCursor: 'c1' };
    expect(CheckinResponseSchema.safeParse(base).success).toBe(true);
    expect(CheckinResponseSchema.safeParse({ ...base, settings: { checkinIntervalMinutes: 0 } }).success).toBe(false);
    expect(CheckinResponseSchema.safeParse({ ...base, settings: { disabledCategories: ['software', 'toaster'] } }).success).toBe(false);
  });
});
