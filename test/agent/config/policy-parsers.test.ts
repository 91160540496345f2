import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { coercePolicyValue } from '../../../agent/config/coerce-policy.js';
import { parseRegQuery } from '../../../agent/config/parse-reg-query.js';
import { POLICY_KEYS, POLICY_LOCATIONS, SETTING_KEYS } from '../../../agent/config/policy-keys.js';
import { normalizePolicyKeys, osPolicyReader, parseLinuxPolicy, parseManagedPlist } from '../../../agent/config/policy-reader.js';
import { SETTING_SCHEMAS } from '../../../agent/config/settings-schema.js';
import type { CommandResult, SystemAccess } from '../../../collectors/types.js';

const fixture = (p: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url)), 'utf8');

function fakeSystem(answers: Record<string, CommandResult>, files: Record<string, string> = {}): SystemAccess {
  return {
    run: async (file, args) => {
      const answer = answers[`${file} ${args.join(' ')}`];
      if (!answer) throw new Error(`unexpected command ${file} ${args.join(' ')}`);
      return answer;
    },
    powershell: async () => {
      throw new Error('not used');
    },
    readFile: async (p) => files[p] ?? Promise.reject(new Error('ENOENT')),
    readBinaryFile: async (p) => Buffer.from(files[p] ?? ''),
    fileExists: async (p) => p in files,
    listDirectory: async () => [],
  };
}

describe('policy key list', () => {
  it('has a validator and a documented kind for every key', () => {
    for (const key of SETTING_KEYS) {
      expect(SETTING_SCHEMAS[key]).toBeDefined();
      expect(POLICY_KEYS[key].description.length).toBeGreaterThan(10);
    }
    expect(Object.keys(SETTING_SCHEMAS).sort()).toEqual([...SETTING_KEYS].sort());
  });
});

describe('Windows: reg query', () => {
  it('parses REG_SZ, REG_DWORD and REG_MULTI_SZ values and ignores subkeys', () => {
    const parsed = normalizePolicyKeys(parseRegQuery(fixture('windows/policy/reg-query-deskside-win11.txt')));
    expect(parsed).toEqual(JSON.parse(fixture('windows/policy/reg-query-deskside-win11.expected.json')));
  });

  it('reads an absent policy key as an empty policy', async () => {
    const reader = osPolicyReader('win32', fakeSystem({ [`reg query ${POLICY_LOCATIONS.win32}`]: { stdout: '', stderr: 'ERROR: The system was unable to find the specified registry key or value.', exitCode: 1 } }));
    expect(await reader.read()).toEqual({});
  });

  it('reports access failures naming the location', async () => {
    const reader = osPolicyReader('win32', fakeSystem({ [`reg query ${POLICY_LOCATIONS.win32}`]: { stdout: '', stderr: 'Access is denied.', exitCode: 5 } }));
    await expect(reader.read()).rejects.toThrow(/HKLM\\SOFTWARE\\Policies\\Deskside cannot be read: Access is denied/);
  });
});

describe('macOS: managed preferences plist', () => {
  it('parses the dictionary, drops Payload keys and maps key case', () => {
    const parsed = normalizePolicyKeys(parseManagedPlist(fixture('macos/policy/com.deskside.agent.plist')));
    expect(parsed).toEqual(JSON.parse(fixture('macos/policy/com.deskside.agent.expected.json')));
  });

  it('converts a binary plist with plutil before parsing', async () => {
    const path = POLICY_LOCATIONS.darwin;
    const reader = osPolicyReader(
      'darwin',
      fakeSystem({ [`/usr/bin/plutil -convert xml1 -o - ${path}`]: { stdout: fixture('macos/policy/com.deskside.agent.plist'), stderr: '', exitCode: 0 } }, { [path]: 'bplist00\u0000binary' }),
    );
    expect((await reader.read()).inventoryIntervalHours).toBe(6);
  });

  it('treats a missing file as no policy', async () => {
    expect(await osPolicyReader('darwin', fakeSystem({})).read()).toEqual({});
  });
});

describe('Linux: /etc/deskside/agent.json', () => {
  it('parses the object and rejects anything else', () => {
    expect(parseLinuxPolicy(fixture('linux/policy/agent.json')).serverUrl).toBe('https://deskside.corp.example');
    expect(() => parseLinuxPolicy('[1,2]')).toThrow(/not a JSON object/);
  });
});

describe('coercePolicyValue', () => {
  it('brings native store types to the setting types', () => {
    expect(coercePolicyValue('checkinIntervalMinutes', '20')).toBe(20);
    expect(coercePolicyValue('screenshotsAllowed', 0)).toBe(false);
    expect(coercePolicyValue('allowInsecureHttp', 'no')).toBe(false);
    expect(coercePolicyValue('allowInsecureHttp', 'TRUE')).toBe(true);
    expect(coercePolicyValue('disabledCategories', 'users, peripherals')).toEqual(['users', 'peripherals']);
    expect(coercePolicyValue('serverUrl', '  ')).toBeNull();
    expect(coercePolicyValue('proxyUrl', '')).toBe('');
    // not coercible: passed through for validation to report
    expect(coercePolicyValue('inventoryIntervalHours', 'daily')).toBe('daily');
  });
});
