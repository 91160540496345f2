import { PEER_POLICY_KEYS, POLICY_KEYS } from './policy-keys.js';
import type { PeerPolicyKey, SettingKey } from './policy-keys.js';

export const isSettingKey = (key: string): key is SettingKey => Object.hasOwn(POLICY_KEYS, key);
export const isPeerPolicyKey = (key: string): key is PeerPolicyKey => Object.hasOwn(PEER_POLICY_KEYS, key);

/**
 * Policy stores carry values in their own types: the registry has only strings, DWORDs and multi-strings,
 * a hand-written JSON file may say "24" for 24. Bring each to the setting's type; anything that does not
 * fit is passed through unchanged so validation reports it with the source and key.
 */
export function coercePolicyValue(key: SettingKey, raw: unknown): unknown {
  const kind = POLICY_KEYS[key].kind;
  switch (kind) {
    case 'string':
      if (typeof raw === 'string') return raw.trim() === '' && key !== 'proxyUrl' ? null : raw.trim();
      return raw;
    case 'integer':
      if (typeof raw === 'string' && /^\s*\d+\s*$/.test(raw)) return Number(raw);
      return raw;
    case 'boolean':
      if (raw === 0 || raw === 1) return raw === 1;
      if (typeof raw === 'string' && /^(true|false|0|1|yes|no)$/i.test(raw.trim())) return /^(true|1|yes)$/i.test(raw.trim());
      return raw;
    case 'list':
      if (typeof raw === 'string') {
        return raw
          .split(/[,;\n\0]/)
          .map((s) => s.trim())
          .filter((s) => s !== '');
      }
      return raw;
  }
}
