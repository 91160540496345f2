import { InventoryDocumentSchema, USER_SCOPE_LIMITS, UserScopeReportSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { sampleInventory } from './samples.js';
import { sampleUserScopeEntry, sampleUserScopeReport } from './user-scope-samples.js';

const issues = (schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, v: unknown): string[] => {
  const r = schema.safeParse(v);
  return r.success ? [] : (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('user-scope report schema', () => {
  it('accepts a report with ok and unsupported sections', () => {
    expect(issues(UserScopeReportSchema, sampleUserScopeReport())).toEqual([]);
  });

  it('keys accounts by SID or uid only: nothing that could name another file', () => {
    for (const id of ['1000', '0', 'S-1-5-18', 'S-1-12-1-1234-5678-91011-1213']) expect(issues(UserScopeReportSchema, sampleUserScopeReport(id))).toEqual([]);
    for (const id of ['../1000', 'alice', '1000.json', 'S-1-5-21-1/..', '']) expect(issues(UserScopeReportSchema, sampleUserScopeReport(id)).join()).toMatch(/account\.id/);
  });

  it('refuses an unknown section, an ok section without data and a report beyond its size', () => {
    const r = sampleUserScopeReport() as unknown as { sections: Record<string, unknown> };
    r.sections.browser = { status: 'ok', durationMs: 1, data: {} };
    expect(issues(UserScopeReportSchema, r).join()).toMatch(/Unrecognized key/);
    const noData = sampleUserScopeReport();
    noData.sections.proxy = { status: 'ok', durationMs: 1, data: null };
    expect(issues(UserScopeReportSchema, noData).join()).toMatch(/sections\.proxy\.data/);
    const big = sampleUserScopeReport();
    big.sections.proxy!.data!.bypass = Array.from({ length: 128 }, (_, i) => `${'h'.repeat(500)}${i}`);
    expect(issues(UserScopeReportSchema, big).join()).toMatch(new RegExp(`${USER_SCOPE_LIMITS.reportBytes} bytes`));
  });
});

describe('inventory document with users', () => {
  const withUsers = (extra: Record<string, unknown>) => ({ ...sampleInventory(), ...extra });

  it('accepts users in a version 2 document, and a version 1 document without them (older agents)', () => {
    expect(issues(InventoryDocumentSchema, withUsers({ schemaVersion: 2, users: [sampleUserScopeEntry()] }))).toEqual([]);
    expect(issues(InventoryDocumentSchema, sampleInventory())).toEqual([]);
  });

  it('refuses users in a version 1 document', () => {
    expect(issues(InventoryDocumentSchema, withUsers({ users: [sampleUserScopeEntry()] }))).toEqual([expect.stringMatching(/^schemaVersion: per-user sections need schemaVersion 2/)]);
  });

  it('refuses the same account twice and more users than the limit', () => {
    expect(issues(InventoryDocumentSchema, withUsers({ schemaVersion: 2, users: [sampleUserScopeEntry('1000'), sampleUserScopeEntry('1000')] })).join()).toMatch(/once/);
    const many = Array.from({ length: USER_SCOPE_LIMITS.maxUsers + 1 }, (_, i) => sampleUserScopeEntry(String(1000 + i)));
    expect(issues(InventoryDocumentSchema, withUsers({ schemaVersion: 2, users: many })).join()).toMatch(/^users: Too big/);
  });

  it('takes removedUsers in partial documents only', () => {
    expect(issues(InventoryDocumentSchema, withUsers({ schemaVersion: 2, kind: 'partial', removedUsers: ['1001'] }))).toEqual([]);
    expect(issues(InventoryDocumentSchema, withUsers({ schemaVersion: 2, removedUsers: ['1001'] })).join()).toMatch(/removedUsers/);
  });
});
