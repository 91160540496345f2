import {
  PROTECTION_FINDING_CODES,
  summarizeProtection,
  worstSeverity,
  type AntivirusProduct,
  type BackupMechanism,
  type ProtectionSections,
} from '@deskside/shared';
import { describe, expect, it } from 'vitest';

const NOW = new Date('2024-10-04T12:00:00Z');
const ok = <T>(data: T) => ({ status: 'ok' as const, durationMs: 5, data });
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000 - 3_600_000).toISOString();

const av = (over: Partial<AntivirusProduct>): AntivirusProduct => ({
  name: 'Microsoft Defender Antivirus',
  vendor: 'Microsoft',
  version: '4.18',
  enabled: true,
  realtimeProtection: true,
  mode: 'active',
  signaturesUpToDate: true,
  signatureVersion: '1.419',
  signaturesUpdatedAt: daysAgo(2),
  lastScanAt: null,
  source: 'test',
  ...over,
});

const backup = (over: Partial<BackupMechanism>): BackupMechanism => ({
  product: 'Time Machine',
  kind: 'os',
  configured: true,
  enabled: true,
  lastSuccessAt: daysAgo(1),
  lastAttemptAt: null,
  destination: null,
  state: 'ok',
  reason: 'last success 1 day ago',
  source: 'test',
  missingPermission: null,
  ...over,
});

const line = (sections: ProtectionSections, section: keyof ProtectionSections) => summarizeProtection(sections, NOW).find((f) => f.section === section);

describe('protection summary', () => {
  it('gives exactly one line per section, in order, with "not collected" for missing ones', () => {
    const findings = summarizeProtection({}, NOW);
    expect(findings.map((f) => [f.section, f.code, f.text])).toEqual([
      ['antivirus', 'section-missing', 'Antivirus: not collected'],
      ['firewall', 'section-missing', 'Firewall: not collected'],
      ['encryption', 'section-missing', 'Disk encryption: not collected'],
      ['updates', 'section-missing', 'Updates: not collected'],
      ['backup', 'section-missing', 'Backup: not collected'],
    ]);
    expect(findings.every((f) => PROTECTION_FINDING_CODES.includes(f.code))).toBe(true);
  });

  describe('antivirus', () => {
    it.each([
      [[av({})], 'ok', 'av-ok', 'Antivirus: Microsoft Defender Antivirus on, signatures 2 days old'],
      [[], 'problem', 'av-none', 'Antivirus: none detected'],
      [[av({ signaturesUpToDate: false, signaturesUpdatedAt: daysAgo(12) })], 'warning', 'av-signatures-old', 'Antivirus: Microsoft Defender Antivirus on, signatures 12 days old (out of date)'],
      [[av({ realtimeProtection: false })], 'problem', 'av-realtime-off', 'Antivirus: Microsoft Defender Antivirus on but real-time protection is off'],
      [[av({ enabled: false, realtimeProtection: false, mode: 'passive' })], 'problem', 'av-passive-only', 'Antivirus: Microsoft Defender Antivirus passive, no active antivirus'],
      [[av({ enabled: false, realtimeProtection: false, mode: 'disabled' })], 'problem', 'av-off', 'Antivirus: Microsoft Defender Antivirus off'],
      [[av({ name: 'SentinelOne', enabled: null, mode: 'unknown' })], 'unknown', 'av-unknown', 'Antivirus: SentinelOne installed, state unknown'],
      [[av({ name: 'Sophos', vendor: null }), av({ enabled: false, mode: 'passive' })], 'ok', 'av-ok', 'Antivirus: Sophos on, signatures 2 days old'],
    ])('%#: %s / %s', (products, severity, code, text) => {
      expect(line({ antivirus: ok({ products }) }, 'antivirus')).toMatchObject({ severity, code, text });
    });

    it('on a Mac prefers a third-party product over XProtect and calls out Gatekeeper off', () => {
      const products = [
        av({ name: 'XProtect', vendor: 'Apple', realtimeProtection: null, signaturesUpdatedAt: daysAgo(10) }),
        av({ name: 'Microsoft Defender for Endpoint' }),
        av({ name: 'Gatekeeper', vendor: 'Apple', enabled: false, mode: 'disabled', signaturesUpdatedAt: null }),
      ];
      expect(line({ antivirus: ok({ products }) }, 'antivirus')).toMatchObject({
        severity: 'warning',
        code: 'av-gatekeeper-off',
        text: 'Antivirus: Microsoft Defender for Endpoint on, signatures 2 days old; Gatekeeper off',
      });
    });

    it('an unreadable section is unknown with the reason, never "off"', () => {
      const finding = line({ antivirus: { status: 'error', durationMs: 3, error: 'Security Center unavailable', data: null } }, 'antivirus');
      expect(finding).toMatchObject({ severity: 'unknown', code: 'section-unavailable', text: 'Antivirus: unknown (Security Center unavailable)' });
    });
  });

  describe('firewall', () => {
    const profile = (name: string, enabled: boolean | null) => ({ name, enabled, defaultInboundBlocked: true, source: `src ${name}` });
    it.each([
      [{ enabled: true, profiles: [profile('Domain', true), profile('Private', true), profile('Public', true)], products: [], stealthMode: null }, 'ok', 'Firewall: on (Domain, Private, Public)'],
      [{ enabled: true, profiles: [profile('Application Firewall', true)], products: [], stealthMode: true }, 'ok', 'Firewall: on (Application Firewall), stealth mode on'],
      [{ enabled: true, profiles: [profile('Public', false)], products: [{ name: 'ESET Firewall', enabled: true, source: 's' }], stealthMode: null }, 'ok', 'Firewall: on (ESET Firewall)'],
      [{ enabled: false, profiles: [profile('Domain', true), profile('Public', false)], products: [], stealthMode: null }, 'problem', 'Firewall: off (Public profile)'],
      [{ enabled: null, profiles: [], products: [], stealthMode: null }, 'unknown', 'Firewall: unknown (no firewall tool found)'],
      [{ enabled: null, profiles: [profile('nftables', null)], products: [], stealthMode: null }, 'unknown', 'Firewall: unknown (src nftables)'],
    ])('%#', (data, severity, text) => {
      expect(line({ firewall: ok(data) }, 'firewall')).toMatchObject({ severity, text });
    });
  });

  describe('disk encryption', () => {
    const vol = (mount: string, system: boolean, over: object = {}) => ({
      mount,
      device: null,
      method: 'bitlocker' as const,
      encrypted: true,
      protectionOn: true,
      status: 'On',
      percentEncrypted: null,
      system,
      source: 's',
      ...over,
    });
    it.each([
      [{ volumes: [vol('C:', true)], systemVolumeProtected: true }, 'ok', 'enc-system-protected', 'Disk encryption: system volume protected (BitLocker)'],
      [{ volumes: [vol('C:', true), vol('D:', false, { encrypted: false, protectionOn: false, method: 'none' })], systemVolumeProtected: true }, 'warning', 'enc-other-volumes-unprotected', 'Disk encryption: system volume protected (BitLocker); not encrypted: D:'],
      [{ volumes: [vol('C:', true, { protectionOn: false, status: 'Suspended' })], systemVolumeProtected: false }, 'problem', 'enc-system-suspended', 'Disk encryption: system volume encrypted (BitLocker) but protection is suspended'],
      [{ volumes: [vol('/', true, { method: 'none', encrypted: false, protectionOn: false, status: null })], systemVolumeProtected: false }, 'problem', 'enc-system-unprotected', 'Disk encryption: system volume not encrypted'],
      [{ volumes: [vol('/', true, { method: 'filevault', encrypted: null, protectionOn: null, status: 'Encryption in progress', percentEncrypted: 42.5 })], systemVolumeProtected: null }, 'warning', 'enc-in-progress', 'Disk encryption: /: encryption in progress, 42.5%'],
      [{ volumes: [], systemVolumeProtected: null }, 'unknown', 'enc-unknown', 'Disk encryption: unknown (system volume not found)'],
    ])('%#', (data, severity, code, text) => {
      expect(line({ encryption: ok(data) }, 'encryption')).toMatchObject({ severity, code, text });
    });
  });

  describe('updates', () => {
    const base = {
      lastInstalled: { title: 'KB5044285', at: daysAgo(3) },
      automaticUpdates: true,
      pendingReboot: false,
      pendingRebootReasons: [],
      pendingUpdates: 0,
      pendingSecurityUpdates: 0,
      sources: ['s'],
    };
    it.each([
      [base, 'ok', 'upd-ok', 'Updates: last installed 3 days ago, automatic, 0 pending'],
      [{ ...base, pendingReboot: true, pendingRebootReasons: ['Windows Update: RebootRequired'] }, 'warning', 'upd-reboot-pending', 'Updates: last installed 3 days ago, automatic, 0 pending, restart pending (Windows Update: RebootRequired)'],
      [{ ...base, pendingUpdates: 4, pendingSecurityUpdates: 2 }, 'warning', 'upd-security-pending', 'Updates: last installed 3 days ago, automatic, 4 pending (2 security)'],
      [{ ...base, automaticUpdates: false }, 'warning', 'upd-auto-off', 'Updates: last installed 3 days ago, automatic updates off, 0 pending'],
      [{ ...base, lastInstalled: { title: null, at: daysAgo(90) } }, 'warning', 'upd-last-old', 'Updates: last installed 90 days ago, automatic, 0 pending'],
      [{ ...base, lastInstalled: null, automaticUpdates: null, pendingUpdates: null, pendingSecurityUpdates: null, pendingReboot: null }, 'unknown', 'upd-unknown', 'Updates: unknown'],
    ])('%#', (data, severity, code, text) => {
      expect(line({ updates: ok(data) }, 'updates')).toMatchObject({ severity, code, text });
    });
  });

  describe('backup', () => {
    const data = (mechanisms: BackupMechanism[], overall: BackupMechanism['state']) => ok({ staleAfterDays: 7, mechanisms, overall });
    it.each([
      [data([backup({})], 'ok'), 'ok', 'backup-ok', 'Backup: Time Machine ok — last success 1 day ago'],
      [data([backup({ state: 'stale', lastSuccessAt: daysAgo(12) })], 'stale'), 'warning', 'backup-stale', 'Backup: Time Machine stale — last success 12 days ago'],
      [data([], 'not-configured'), 'problem', 'backup-none', 'Backup: none configured'],
      [data([backup({ product: 'Veeam Agent', state: 'failing', reason: 'the latest run failed', lastSuccessAt: null })], 'failing'), 'problem', 'backup-failing', 'Backup: Veeam Agent failing — the latest run failed'],
      [data([backup({ state: 'unknown', configured: null, reason: 'no readable time', lastSuccessAt: null })], 'unknown'), 'unknown', 'backup-unknown', 'Backup: Time Machine unknown — no readable time'],
    ])('%#', (section, severity, code, text) => {
      expect(line({ backup: section }, 'backup')).toMatchObject({ severity, code, text });
    });

    it('permission-denied with partial data names the missing permission', () => {
      const partial = { staleAfterDays: 7, mechanisms: [backup({ state: 'unknown', enabled: null, lastSuccessAt: null, missingPermission: 'Full Disk Access' })], overall: 'unknown' as const };
      const finding = line({ backup: { status: 'permission-denied', durationMs: 9, error: 'denied', missingPermission: 'Full Disk Access', data: partial } }, 'backup');
      expect(finding).toMatchObject({ severity: 'unknown', code: 'backup-permission', params: { permission: 'Full Disk Access' }, text: 'Backup: Time Machine unknown — needs Full Disk Access' });
    });

    it('permission-denied without data still names the permission', () => {
      const finding = line({ encryption: { status: 'permission-denied', durationMs: 1, error: 'denied', missingPermission: 'Administrator (elevated)', data: null } }, 'encryption');
      expect(finding).toMatchObject({ code: 'section-permission-denied', text: 'Disk encryption: unknown — needs Administrator (elevated)' });
    });
  });

  it('worst severity ranks problem over warning over unknown over ok', () => {
    const findings = summarizeProtection({ antivirus: ok({ products: [av({})] }), backup: ok({ staleAfterDays: 7, mechanisms: [], overall: 'not-configured' as const }) }, NOW);
    expect(worstSeverity(findings)).toBe('problem');
    expect(worstSeverity(findings.filter((f) => f.section === 'antivirus'))).toBe('ok');
    expect(worstSeverity(summarizeProtection({}, NOW))).toBe('unknown');
  });
});
