import type { UserScopeEntry, UserScopeReport } from '@deskside/shared';

/** A Windows user's report: WinINet PAC proxy, OneDrive KFM failing, File History ok, Déjà Dup not applicable. */
export function sampleUserScopeReport(id = 'S-1-5-21-3623811015-3361044348-30300820-1013', collectedAt = '2024-10-04T10:00:00.000Z', name = 'CONTOSO\\jdoe'): UserScopeReport {
  return {
    schemaVersion: 1,
    account: { name, id },
    platform: 'win32',
    agentVersion: '1.4.0',
    collectedAt,
    sections: {
      proxy: { status: 'ok', durationMs: 410, data: { mode: 'pac', server: null, pacUrl: 'http://wpad.contoso.com/proxy.pac', bypass: ['<local>'], winHttp: null, source: 'HKCU Internet Settings' } },
      oneDrive: {
        status: 'ok',
        durationMs: 410,
        data: {
          product: 'OneDrive Known Folder Move',
          kind: 'cloud-sync',
          configured: true,
          enabled: false,
          lastSuccessAt: null,
          lastAttemptAt: null,
          destination: { name: 'OneDrive - Contoso', kind: 'cloud', encrypted: null },
          state: 'failing',
          reason: 'OneDrive is not running, so Desktop, Documents are not syncing',
          source: 'User Shell Folders + HKCU OneDrive Accounts + OneDrive process',
          missingPermission: null,
        },
      },
      fileHistory: {
        status: 'ok',
        durationMs: 410,
        data: {
          product: 'File History',
          kind: 'os',
          configured: true,
          enabled: true,
          lastSuccessAt: '2024-10-01T06:00:00.000Z',
          lastAttemptAt: null,
          destination: { name: 'Backups', kind: 'network', encrypted: null },
          state: 'ok',
          reason: 'last success 3 days ago',
          source: 'FileHistory Config1.xml + HKCU FileHistory ProtectedUpToTime + fhsvc',
          missingPermission: null,
        },
      },
      dejaDup: { status: 'unsupported', durationMs: 0, error: 'Déjà Dup is read on Linux only', data: null },
    },
  };
}

/** The same user as the inventory document carries them. */
export function sampleUserScopeEntry(id?: string, collectedAt?: string, name?: string): UserScopeEntry {
  const { account, collectedAt: at, sections } = sampleUserScopeReport(id, collectedAt, name);
  return { account, collectedAt: at, sections };
}
