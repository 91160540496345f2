import { readFile } from 'node:fs/promises';

import type { Platform } from '@deskside/shared';
import { parse as parsePlist } from 'plist';

import type { SystemAccess } from '../../collectors/types.js';
import type { PolicyReader } from '../agent-types.js';
import { isSettingKey } from './coerce-policy.js';
import { parseRegQuery } from './parse-reg-query.js';
import { PEER_POLICY_KEY_NAMES, POLICY_LOCATIONS, SETTING_KEYS } from './policy-keys.js';

export class PolicyReadError extends Error {
  constructor(
    readonly location: string,
    detail: string,
  ) {
    super(`managed policy at ${location} cannot be read: ${detail}`);
    this.name = 'PolicyReadError';
  }
}

/**
 * Registry value names and plist keys are written in any case (ServerUrl, serverURL): map to our keys,
 * and to the tray app's, so its keys are recognised as such whatever their case.
 */
export function normalizePolicyKeys(raw: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const byLower = new Map<string, string>([...SETTING_KEYS, ...PEER_POLICY_KEY_NAMES].map((k) => [k.toLowerCase(), k]));
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    const key = byLower.get(name.toLowerCase());
    out[key ?? name] = value;
  }
  return out;
}

/** Parse a managed preferences plist (XML form; binary plists are converted by plutil first). */
export function parseManagedPlist(xml: string): Record<string, unknown> {
  const parsed = parsePlist(xml);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('the plist is not a dictionary');
  // Configuration profiles add PayloadUUID and similar bookkeeping keys: not settings.
  return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).filter(([k]) => !k.startsWith('Payload')));
}

export function parseLinuxPolicy(text: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('the file is not a JSON object');
  return parsed as Record<string, unknown>;
}

/** The OS's managed policy store. A store that does not exist is an empty policy, not an error. */
export function osPolicyReader(platform: Platform, system: SystemAccess, overridePath?: string): PolicyReader {
  switch (platform) {
    case 'win32':
      return {
        description: `registry ${POLICY_LOCATIONS.win32}`,
        async read() {
          const res = await system.run('reg', ['query', POLICY_LOCATIONS.win32], { timeoutMs: 10_000 });
          // reg.exe exits 1 with "unable to find the specified registry key" when no policy is set.
          if (res.exitCode === 1 && /unable to find|ERROR:/i.test(`${res.stderr}${res.stdout}`)) return {};
          if (res.exitCode !== 0) throw new PolicyReadError(POLICY_LOCATIONS.win32, res.stderr.trim() || `reg exited ${res.exitCode}`);
          return normalizePolicyKeys(parseRegQuery(res.stdout));
        },
      };
    case 'darwin': {
      const path = overridePath ?? POLICY_LOCATIONS.darwin;
      return {
        description: `managed preferences ${path}`,
        async read() {
          if (!(await system.fileExists(path))) return {};
          const bytes = await system.readBinaryFile(path);
          let xml = bytes.toString('utf8');
          if (bytes.subarray(0, 8).toString('latin1') === 'bplist00') {
            const res = await system.run('/usr/bin/plutil', ['-convert', 'xml1', '-o', '-', path], { timeoutMs: 10_000 });
            if (res.exitCode !== 0) throw new PolicyReadError(path, res.stderr.trim() || 'plutil failed');
            xml = res.stdout;
          }
          try {
            return normalizePolicyKeys(parseManagedPlist(xml));
          } catch (e) {
            throw new PolicyReadError(path, (e as Error).message);
          }
        },
      };
    }
    case 'linux': {
      const path = overridePath ?? POLICY_LOCATIONS.linux;
      return {
        description: `policy file ${path}`,
        async read() {
          let text: string;
          try {
            text = await readFile(path, 'utf8');
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
            throw new PolicyReadError(path, (e as Error).message);
          }
          try {
            return normalizePolicyKeys(parseLinuxPolicy(text));
          } catch (e) {
            throw new PolicyReadError(path, (e as Error).message);
          }
        },
      };
    }
  }
}

export { isSettingKey };
