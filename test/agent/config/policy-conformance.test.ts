import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { osPolicyReader, parseManagedPlist } from '../../../agent/config/policy-reader.js';
import type { SystemAccess } from '../../../collectors/types.js';

// Real captures from other projects, read in place (never copied): ../shared/fixtures beside the repo.
const SHARED = fileURLToPath(new URL('../../../../shared/fixtures/', import.meta.url));
const present = existsSync(SHARED);
if (!present) console.log(`[conformance] ${SHARED} not found: real-capture checks of the plist policy reader skipped`);

describe.skipIf(!present)('policy plist reading on real macOS captures', () => {
  it('parses a real XML preferences plist into a dictionary', () => {
    const parsed = parseManagedPlist(readFileSync(`${SHARED}macos/network/com.apple.airport.preferences.plist`, 'utf8'));
    expect(typeof parsed).toBe('object');
    expect(Object.keys(parsed).length).toBeGreaterThan(0);
  });

  it('refuses a real plist whose top level is not a dictionary, with a clear message', () => {
    expect(() => parseManagedPlist(readFileSync(`${SHARED}macos/software/InstallHistory-osx-10.9.plist`, 'utf8'))).toThrow('the plist is not a dictionary');
  });

  it('hands a real binary plist to plutil instead of parsing it as text', async () => {
    const path = '/Library/Managed Preferences/com.deskside.agent.plist';
    const calls: string[] = [];
    const system: SystemAccess = {
      run: async (file, args) => {
        calls.push(`${file} ${args.join(' ')}`);
        return { stdout: '<?xml version="1.0"?><plist version="1.0"><dict><key>language</key><string>fr-FR</string></dict></plist>', stderr: '', exitCode: 0 };
      },
      powershell: async () => Promise.reject(new Error('unused')),
      readFile: async () => Promise.reject(new Error('unused')),
      readBinaryFile: async () => readFileSync(`${SHARED}macos/backup/com.apple.TimeMachine-2013-2014.plist`),
      fileExists: async () => true,
      listDirectory: async () => [],
    };
    expect(await osPolicyReader('darwin', system, path).read()).toEqual({ language: 'fr-FR' });
    expect(calls).toEqual([`/usr/bin/plutil -convert xml1 -o - ${path}`]);
  });
});
