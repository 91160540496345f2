import { describe, expect, it } from 'vitest';

import { parseTimeMachinePlist } from '../../../collectors/backup/parse-timemachine-plist.js';
import { decodePlist } from '../../../collectors/protection/plist-value.js';
import { hasSharedFixtures, sharedBytes, sharedJson } from './helpers.js';

interface PlasoTimeMachine {
  readonly backup_alias: string;
  readonly destination_identifier: string;
  readonly snapshot_times: readonly string[];
}

describe.skipIf(!hasSharedFixtures)('backup conformance over ../shared/fixtures', () => {
  it('reads a real binary com.apple.TimeMachine.plist as the peer does', () => {
    const expected = sharedJson<{ expected: PlasoTimeMachine }>('macos/backup/com.apple.TimeMachine-2013-2014.expected.json').expected;
    const bytes = sharedBytes('macos/backup/com.apple.TimeMachine-2013-2014.plist');
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('bplist00');
    const prefs = parseTimeMachinePlist(decodePlist(bytes));
    expect(prefs.autoBackup).toBe(true);
    expect(prefs.destinations).toHaveLength(1);
    const [destination] = prefs.destinations;
    expect(destination?.id).toBe(expected.destination_identifier);
    expect(destination?.name).toBe(expected.backup_alias);
    const newest = [...expected.snapshot_times].map((t) => Date.parse(t)).sort((a, b) => a - b).at(-1);
    expect(destination?.lastSnapshotAt).toBe(new Date(newest ?? 0).toISOString());
  });
});
