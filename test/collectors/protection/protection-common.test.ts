import { describe, expect, it } from 'vitest';

import {
  ageInDays,
  isoFromDotNetJsonDate,
  isoFromEpochMsValue,
  isoFromFileTime,
  isoFromLocalText,
  isoFromPowerShell,
  isoFromUsDateTime,
  isoFromZonedText,
  laterIso,
} from '../../../collectors/protection/dates.js';
import { isPermissionDeniedError, isPermissionDeniedText } from '../../../collectors/protection/permission.js';
import { decodePlist } from '../../../collectors/protection/plist-value.js';
import { probeReadFile, probeRun, probeRunChecked } from '../../../collectors/protection/probe.js';
import { isoFromSystemdTimestamp, parseSystemctlShow } from '../../../collectors/protection/systemd.js';
import { blankToNull, clip, onOff, parseColonPairs, parseSpacedPairs } from '../../../collectors/protection/text.js';
import { asList, looseBool, looseNumber, parseJsonText } from '../../../collectors/protection/values.js';
import { fakeContext, NOW } from './helpers.js';

describe('dates', () => {
  it('treats sentinels as unknown', () => {
    expect(isoFromFileTime(0)).toBeNull();
    expect(isoFromFileTime('0')).toBeNull();
    expect(isoFromFileTime('not a number')).toBeNull();
    expect(isoFromPowerShell('1601-01-01T00:00:00.0000000Z')).toBeNull();
    expect(isoFromUsDateTime('12/31/1600 4:00:00 PM')).toBeNull();
    expect(isoFromEpochMsValue('0')).toBeNull();
  });

  it('reads every date form the sources use', () => {
    expect(isoFromFileTime('133722360000000000')).toBe('2024-10-01T06:00:00.000Z');
    expect(isoFromDotNetJsonDate('/Date(1717488387000)/')).toBe('2024-06-04T08:06:27.000Z');
    expect(isoFromPowerShell('2024-06-04T08:06:27.0000000Z')).toBe('2024-06-04T08:06:27.000Z');
    expect(isoFromZonedText('Tue, 04 Jun 2024 08:06:27 GMT')).toBe('2024-06-04T08:06:27.000Z');
    expect(isoFromZonedText('2024-06-04 08:06:27')).toBeNull();
    expect(isoFromUsDateTime('6/4/2024 12:06:27 AM')).toBe('2024-06-04T00:06:27.000Z');
    expect(isoFromUsDateTime('6/4/2024 12:06:27 PM')).toBe('2024-06-04T12:06:27.000Z');
    expect(isoFromUsDateTime('6/4/2024 13:06:27 PM')).toBeNull();
    expect(isoFromLocalText('2024-02-30 10:00:00', 0)).toBeNull();
    expect(isoFromLocalText('2024-06-04_08-06-27', -300)).toBe('2024-06-04T13:06:27.000Z');
  });

  it('ages and comparisons', () => {
    expect(ageInDays('2024-10-02T12:00:00.000Z', NOW)).toBe(2);
    expect(ageInDays('2024-10-05T12:00:00.000Z', NOW)).toBe(0);
    expect(ageInDays(null, NOW)).toBeNull();
    expect(laterIso(null, '2024-01-01T00:00:00.000Z')).toBe('2024-01-01T00:00:00.000Z');
    expect(laterIso('2024-02-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')).toBe('2024-02-01T00:00:00.000Z');
  });
});

describe('text and loose values', () => {
  it('pairs, on/off words, blanks', () => {
    expect([...parseColonPairs('A Key : one\n  b: two: three\nnot a pair')]).toEqual([
      ['a key', 'one'],
      ['b', 'two: three'],
    ]);
    expect(parseSpacedPairs('Agent state      Enabled\nsingle').get('agent state')).toBe('Enabled');
    expect([onOff('Enabled.'), onOff('off'), onOff('maybe'), onOff(undefined)]).toEqual([true, false, null, null]);
    expect([blankToNull(' N/A '), blankToNull('x')]).toEqual([null, 'x']);
    expect(clip('a'.repeat(300))).toHaveLength(256);
  });

  it('never turns something unrecognised into false', () => {
    expect([looseBool('True'), looseBool(0), looseBool('NotConfigured'), looseBool(2)]).toEqual([true, false, null, null]);
    expect([looseNumber('12'), looseNumber('1e3x'), looseNumber(Number.NaN)]).toEqual([12, null, null]);
    expect(asList({ a: 1 })).toEqual([{ a: 1 }]);
    expect(asList(null)).toEqual([]);
    expect(() => parseJsonText('\uFEFF  ', 'tool')).toThrow('tool printed nothing');
  });
});

describe('plists', () => {
  it('decodes XML and rejects garbage with an error', () => {
    expect(decodePlist(Buffer.from('<?xml version="1.0"?><plist version="1.0"><dict><key>a</key><true/></dict></plist>'))).toEqual({ a: true });
    expect(() => decodePlist(Buffer.from('bplist00garbage'))).toThrow();
  });
});

describe('permission wording', () => {
  it('recognises denials from macOS, Windows and Linux tools', () => {
    expect(isPermissionDeniedText('tmutil: latestbackup requires Full Disk Access privileges.')).toBe(false);
    expect(isPermissionDeniedText('Operation not permitted')).toBe(true);
    expect(isPermissionDeniedText('ERROR - Access is denied.')).toBe(true);
    expect(isPermissionDeniedText('ERROR: You need to be root to run this script')).toBe(true);
    expect(isPermissionDeniedError(Object.assign(new Error('x'), { code: 'EPERM' }))).toBe(true);
    expect(isPermissionDeniedError(new Error('boom'))).toBe(false);
  });
});

describe('probes', () => {
  it('tell "not installed", "denied" and "failed" apart', async () => {
    const ctx = fakeContext('linux', {
      commands: { 'nft list ruleset': { exitCode: 1, stderr: 'Operation not permitted' }, 'slow *': { fail: 'timeout' } },
      files: { '/secret': { fail: 'permission-denied' } },
    });
    expect((await probeRun(ctx, 'missing-tool', [])).kind).toBe('missing');
    expect((await probeRun(ctx, 'slow', ['x'])).kind).toBe('failed');
    expect((await probeRun(ctx, 'nft', ['list', 'ruleset'])).kind).toBe('ok');
    expect((await probeRunChecked(ctx, 'nft', ['list', 'ruleset'])).kind).toBe('denied');
    expect((await probeReadFile(ctx, '/secret')).kind).toBe('denied');
    expect((await probeReadFile(ctx, '/nope')).kind).toBe('missing');
  });
});

describe('systemd', () => {
  it('keeps "not installed" apart from "stopped"', () => {
    const states = parseSystemctlShow('LoadState=loaded\nActiveState=failed\nResult=exit-code\n\nLoadState=not-found\nActiveState=inactive\n', ['a.service', 'b.service']);
    expect(states.map((s) => [s.unit, s.loaded, s.active, s.result])).toEqual([
      ['a.service', true, false, 'exit-code'],
      ['b.service', false, null, null],
    ]);
    expect(isoFromSystemdTimestamp('Thu 2024-10-03 08:01:12 UTC')).toBe('2024-10-03T08:01:12.000Z');
    expect(isoFromSystemdTimestamp('Thu 2024-10-03 08:01:12 CEST')).toBeNull();
    expect(isoFromSystemdTimestamp('')).toBeNull();
  });
});
