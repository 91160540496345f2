import type { PlistValue } from 'plist';

import { arrayOf, boolOf, bytesOf, dateOf, dictOf, stringOf } from '../protection/plist-value.js';

export interface TmPlistDestination {
  readonly id: string | null;
  readonly name: string | null;
  readonly network: boolean;
  readonly encrypted: boolean | null;
  readonly lastSnapshotAt: string | null;
}

export interface TmPlist {
  readonly autoBackup: boolean | null;
  readonly destinations: readonly TmPlistDestination[];
}

/**
 * The volume name inside a classic Alias record (BackupAlias): a length byte at offset 10 followed by
 * that many bytes of name, the layout other Time Machine readers use too.
 */
export function aliasVolumeName(alias: Uint8Array | null): string | null {
  if (alias == null || alias.length < 12) return null;
  const length = alias[10] ?? 0;
  if (length === 0 || length > 27 || 11 + length > alias.length) return null;
  const name = Buffer.from(alias.subarray(11, 11 + length)).toString('utf8').replace(/\0+$/, '');
  return name === '' ? null : name;
}

/**
 * /Library/Preferences/com.apple.TimeMachine.plist (binary; protected by TCC): AutoBackup and one
 * dictionary per destination with DestinationID, SnapshotDates / ReferenceLocalSnapshotDate,
 * BackupAlias, NetworkURL and LastKnownEncryptionState ("Encrypted" / "NotEncrypted").
 */
export function parseTimeMachinePlist(value: PlistValue): TmPlist {
  const root = dictOf(value);
  if (root == null) throw new Error('com.apple.TimeMachine.plist is not a dictionary');
  const destinations = arrayOf(root['Destinations']).flatMap((item): TmPlistDestination[] => {
    const d = dictOf(item);
    if (d == null) return [];
    // Newer releases keep ReferenceLocalSnapshotDate (the local snapshot the last backup copied) instead.
    const snapshots = [...arrayOf(d['SnapshotDates']), d['ReferenceLocalSnapshotDate']]
      .map((s) => dateOf(s ?? undefined))
      .filter((s): s is Date => s != null)
      .map((s) => s.getTime());
    const encryption = stringOf(d['LastKnownEncryptionState']);
    const networkUrl = stringOf(d['NetworkURL']);
    return [
      {
        id: stringOf(d['DestinationID']),
        name: aliasVolumeName(bytesOf(d['BackupAlias'])) ?? (networkUrl ? networkUrl.replace(/^[a-z]+:\/\/(?:[^@/]*@)?/i, '') : null),
        network: networkUrl != null,
        encrypted: encryption === 'Encrypted' ? true : encryption === 'NotEncrypted' ? false : null,
        lastSnapshotAt: snapshots.length ? new Date(Math.max(...snapshots)).toISOString() : null,
      },
    ];
  });
  return { autoBackup: boolOf(root['AutoBackup']), destinations };
}
