import { readFileSync } from 'node:fs';

import { SectionsSchema, type Sections } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { deviceHealth } from '../../../main/health/device-health.js';

function fixture(name: string): Sections {
  const raw = JSON.parse(readFileSync(new URL(`../../fixtures/tray/health/${name}.json`, import.meta.url), 'utf8')) as unknown;
  // Fixtures must be valid inventory sections, as the collectors produce them.
  return SectionsSchema.parse(raw);
}

const now = new Date('2026-11-29T09:00:00Z');
const base = { collectedAt: '2026-11-29T08:55:00Z', lastInventorySentAt: '2026-11-29T06:00:00Z', online: true, now };
const byTopic = (sections: Sections, extra: { online?: boolean; lastInventorySentAt?: string | null } = {}) => Object.fromEntries(deviceHealth({ ...base, ...extra, sections }).items.map((i) => [i.topic, i]));

describe('My device health', () => {
  it('a healthy Windows laptop is all ok, in plain codes with the facts to show', () => {
    const h = deviceHealth({ ...base, sections: fixture('windows-healthy') });
    expect(h.overall).toBe('ok');
    const t = Object.fromEntries(h.items.map((i) => [i.topic, i]));
    expect(t.antivirus).toMatchObject({ level: 'ok', code: 'ok', params: { product: 'Microsoft Defender Antivirus' } });
    expect(t.disk).toMatchObject({ level: 'ok', params: { volume: 'C:', freeGb: 180.5, percent: 39 } });
    expect(t.backup).toMatchObject({ level: 'ok', params: { product: 'OneDrive' } });
    expect(t.network).toMatchObject({ level: 'ok', params: { addresses: '10.20.30.40' } });
    expect(h.items.map((i) => i.topic)).toEqual(['antivirus', 'firewall', 'backup', 'disk', 'updates', 'encryption', 'network', 'inventory']);
  });

  it('a neglected Mac: antivirus off, stale backup, nearly full disk, pending restart, FileVault off', () => {
    const t = byTopic(fixture('macos-neglected'));
    expect(t.antivirus).toMatchObject({ level: 'problem', code: 'off' });
    expect(t.backup).toMatchObject({ level: 'attention', code: 'stale', params: { days: 7 } });
    expect(t.disk).toMatchObject({ level: 'problem', code: 'full' });
    expect(t.updates).toMatchObject({ level: 'attention', code: 'reboot' });
    expect(t.encryption).toMatchObject({ level: 'problem', code: 'off' });
    expect(t.firewall).toMatchObject({ level: 'problem', code: 'off' });
  });

  it('what could not be read is "unknown", never "off"', () => {
    const t = byTopic(fixture('linux-unreadable'));
    expect(t.antivirus).toMatchObject({ level: 'unknown', code: 'unsupported' });
    expect(t.backup).toMatchObject({ level: 'unknown', code: 'permission', params: { permission: 'root' } });
    expect(t.encryption).toMatchObject({ level: 'unknown', code: 'not-checked' });
    expect(t.firewall).toMatchObject({ level: 'unknown', code: 'not-checked' });
    expect(byTopic({}).disk).toMatchObject({ level: 'unknown', code: 'not-checked' });
  });

  it('connection and last report: offline is a problem, an old or missing report needs attention', () => {
    const s = fixture('windows-healthy');
    expect(byTopic(s, { online: false }).network).toMatchObject({ level: 'problem', code: 'server-unreachable' });
    expect(byTopic(s, { lastInventorySentAt: '2026-11-20T00:00:00Z' }).inventory).toMatchObject({ level: 'attention', code: 'stale' });
    expect(byTopic(s, { lastInventorySentAt: null }).inventory).toMatchObject({ level: 'attention', code: 'never' });
  });
});
