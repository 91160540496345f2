import type { ConfigProblem, SettingsView } from '../agent-types.js';
import type { AgentState } from '../state/agent-state.js';
import { coercePolicyValue, isPeerPolicyKey, isSettingKey } from './coerce-policy.js';
import type { SettingKey } from './policy-keys.js';
import { SETTING_KEYS } from './policy-keys.js';
import type { AgentSettings, SettingSource } from './settings-schema.js';
import { DEFAULT_SETTINGS, SERVER_PUSHABLE_KEYS, SETTING_SCHEMAS } from './settings-schema.js';

/** One layer of configuration as read; `error` when the whole source could not be read. */
export interface SettingsLayer {
  readonly values: Readonly<Record<string, unknown>>;
  readonly error?: string;
}

export interface ResolveInput {
  readonly policy: SettingsLayer;
  readonly server: SettingsLayer;
  readonly user: SettingsLayer;
  readonly lastGood: AgentState['lastGood'];
}

export interface ResolveOutput {
  readonly view: SettingsView;
  readonly lastGood: AgentState['lastGood'];
}

const LAYERS = ['policy', 'server', 'user'] as const;

/**
 * Resolve every setting: policy, then server-pushed, then the user's file, then defaults. A value
 * that fails validation is reported with its source and key, and the last value that was good for
 * that key stays in force (so a typo in a policy never unpins what the policy enforced before).
 * When a whole source cannot be read, keys last taken from it keep their last good value.
 */
export function resolveSettings(input: ResolveInput): ResolveOutput {
  const problems: ConfigProblem[] = [];
  const values: Record<string, unknown> = {};
  const sourceOf: Record<string, SettingSource> = {};
  const lastGood: Record<string, AgentState['lastGood'][string]> = { ...input.lastGood };
  const locked: SettingKey[] = [];

  for (const layer of LAYERS) {
    const source = input[layer];
    if (source.error) problems.push({ source: layer, key: '*', message: source.error });
    for (const key of Object.keys(source.values)) {
      // The policy store is shared with the tray app's keys (trayHideQuit, …): known, not ours, not a
      // problem. Anything else unknown is most likely a misspelt key, which the admin needs to hear about.
      if (!isSettingKey(key)) {
        if (!(layer === 'policy' && isPeerPolicyKey(key))) problems.push({ source: layer, key, message: 'unknown setting (ignored)' });
      } else if (layer === 'server' && !(SERVER_PUSHABLE_KEYS as readonly string[]).includes(key)) {
        problems.push({ source: layer, key, message: 'the server may not set this (ignored)' });
      }
    }
  }

  for (const key of SETTING_KEYS) {
    let chosen: { value: unknown; source: SettingSource } | null = null;
    for (const layer of LAYERS) {
      const source = input[layer];
      const previous = input.lastGood[key];
      if (source.error && previous?.source === layer) {
        chosen = previous;
        break;
      }
      if (!Object.hasOwn(source.values, key)) continue;
      if (layer === 'server' && !(SERVER_PUSHABLE_KEYS as readonly string[]).includes(key)) continue;
      const raw = layer === 'server' ? source.values[key] : coercePolicyValue(key, source.values[key]);
      const parsed = SETTING_SCHEMAS[key].safeParse(raw);
      if (parsed.success) {
        chosen = { value: parsed.data, source: layer };
        break;
      }
      const message = parsed.error.issues[0]?.message ?? 'invalid value';
      if (previous && previous.source === layer) {
        problems.push({ source: layer, key, message: `${message}; keeping the last good value` });
        chosen = previous;
        break;
      }
      problems.push({ source: layer, key, message: `${message}; ignored` });
    }
    chosen ??= { value: DEFAULT_SETTINGS[key], source: 'default' };
    values[key] = chosen.value;
    sourceOf[key] = chosen.source;
    if (chosen.source === 'policy') locked.push(key);
    lastGood[key] = chosen;
  }

  return {
    view: {
      values: values as AgentSettings,
      sourceOf: sourceOf as Record<SettingKey, SettingSource>,
      locked,
      problems,
    },
    lastGood,
  };
}
