import type { Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';

import { coercePolicyValue } from '../../agent/config/coerce-policy.js';
import { POLICY_KEYS, POLICY_LOCATIONS, SETTING_KEYS } from '../../agent/config/policy-keys.js';
import type { PolicyValueKind, SettingKey } from '../../agent/config/policy-keys.js';
import { SETTING_SCHEMAS } from '../../agent/config/settings-schema.js';
import { parseTrayPolicy, TRAY_POLICY_KEYS } from '../../main/policy/tray-policy.js';
import { elements, keyDiff, parseXml, readBuilderConfig, readPlist, readRepoFile, repoPath } from './template-files.js';

type TrayKey = keyof typeof TRAY_POLICY_KEYS;
const isSettingKey = (key: string): key is SettingKey => Object.hasOwn(POLICY_KEYS, key);
const isTrayKey = (key: string): key is TrayKey => Object.hasOwn(TRAY_POLICY_KEYS, key);

/** The tray app reads its own keys from the same policy store; their native types (a new key fails tsc here). */
const TRAY_KINDS: Readonly<Record<TrayKey, PolicyValueKind>> = {
  trayHideQuit: 'boolean',
  trayStartAtLogin: 'boolean',
  trayReportShortcut: 'string',
  updateFeedUrl: 'string',
};

/** Every key read from the managed policy store: the agent's settings and the tray app's. */
const ALL_KEYS: readonly string[] = [...SETTING_KEYS, ...Object.keys(TRAY_POLICY_KEYS)];
const kindOf = (key: string): PolicyValueKind | undefined => (isSettingKey(key) ? POLICY_KEYS[key].kind : isTrayKey(key) ? TRAY_KINDS[key] : undefined);

/** Whether a value from a template, read the way the agent or the tray app reads policy, passes validation. */
function agentAccepts(key: string, raw: unknown): boolean {
  if (isSettingKey(key)) return SETTING_SCHEMAS[key].safeParse(coercePolicyValue(key, raw)).success;
  if (isTrayKey(key)) return parseTrayPolicy({ [key]: raw }).problems.length === 0;
  return false;
}

describe('keyDiff (the comparison every template check relies on)', () => {
  it('reports missing, extra and duplicated keys', () => {
    expect(keyDiff(['serverUrl', 'tag', 'tag'], ['serverUrl', 'language'])).toEqual({
      missing: ['language'],
      extra: ['tag', 'tag'],
      duplicated: ['tag'],
    });
    expect(keyDiff([...SETTING_KEYS], SETTING_KEYS)).toEqual({ missing: [], extra: [], duplicated: [] });
  });
});

describe('Windows Group Policy template (ADMX/ADML)', () => {
  const admx = parseXml(readRepoFile('build/policy/windows/deskside.admx'), 'deskside.admx');
  const policies = elements(admx, 'policy');
  const elementKinds: Readonly<Record<string, PolicyValueKind>> = { text: 'string', decimal: 'integer', multiText: 'list', boolean: 'boolean' };

  /** Every registry value a policy writes: the policy's own valueName (on/off) and its elements'. */
  const values = policies.flatMap((policy) => {
    const own = policy.getAttribute('valueName')
      ? [{ name: policy.getAttribute('valueName') ?? '', kind: 'boolean' as PolicyValueKind, element: policy, policy }]
      : [];
    const inner = Object.keys(elementKinds).flatMap((tag) =>
      elements(policy, 'elements').flatMap((list) => elements(list, tag)).map((element) => ({ name: element.getAttribute('valueName') ?? '', kind: elementKinds[tag]!, element, policy })),
    );
    return [...own, ...inner];
  });

  it('writes exactly the policy keys the agent and the tray app read, once each', () => {
    expect(keyDiff(values.map((v) => v.name), ALL_KEYS)).toEqual({ missing: [], extra: [], duplicated: [] });
  });

  it('writes every value under the key the agent queries, as machine policy', () => {
    const agentKey = POLICY_LOCATIONS.win32.replace(/^HKLM\\/, '').toLowerCase();
    for (const policy of policies) {
      expect((policy.getAttribute('key') ?? '').toLowerCase(), policy.getAttribute('name') ?? '').toBe(agentKey);
      expect(policy.getAttribute('class')).toBe('Machine');
    }
  });

  it('gives each key the registry type its kind needs (REG_SZ, REG_DWORD, REG_MULTI_SZ, 0/1)', () => {
    for (const { name, kind, element } of values) {
      expect(kind, name).toBe(kindOf(name));
      if (element.tagName === 'policy') {
        const on = elements(elements(element, 'enabledValue')[0]!, 'decimal')[0]?.getAttribute('value');
        const off = elements(elements(element, 'disabledValue')[0]!, 'decimal')[0]?.getAttribute('value');
        expect([name, on, off]).toEqual([name, '1', '0']);
        expect(agentAccepts(name, 1) && agentAccepts(name, 0)).toBe(true);
      }
    }
  });

  it('bounds every number exactly as the agent validates it', () => {
    const decimals = values.filter((v) => v.kind === 'integer');
    expect(decimals.length).toBeGreaterThan(0);
    for (const { name, element } of decimals) {
      const min = Number(element.getAttribute('minValue'));
      const max = Number(element.getAttribute('maxValue'));
      expect([name, agentAccepts(name, min), agentAccepts(name, max)]).toEqual([name, true, true]);
      expect([name, agentAccepts(name, min - 1), agentAccepts(name, max + 1)]).toEqual([name, false, false]);
    }
  });

  const admxText = readRepoFile('build/policy/windows/deskside.admx');
  const stringRefs = [...admxText.matchAll(/\$\(string\.([A-Za-z0-9_]+)\)/g)].map((m) => m[1]!);
  const presentationRefs = [...admxText.matchAll(/\$\(presentation\.([A-Za-z0-9_]+)\)/g)].map((m) => m[1]!);

  describe.each(['en-US', 'zh-CN'])('%s strings', (language) => {
    const adml = parseXml(readRepoFile(`build/policy/windows/${language}/deskside.adml`), `${language}/deskside.adml`);
    const strings = new Map(elements(adml, 'string').map((s) => [s.getAttribute('id') ?? '', s.textContent ?? '']));
    const presentations = new Map(elements(adml, 'presentation').map((p) => [p.getAttribute('id') ?? '', p]));

    it('defines every string and presentation the ADMX refers to, and nothing unused', () => {
      expect(keyDiff([...strings.keys()], [...new Set(stringRefs)])).toEqual({ missing: [], extra: [], duplicated: [] });
      expect(keyDiff([...presentations.keys()], [...new Set(presentationRefs)])).toEqual({ missing: [], extra: [], duplicated: [] });
      for (const [id, text] of strings) expect(text.trim(), id).not.toBe('');
    });

    it('binds each presentation control to the element it edits', () => {
      for (const policy of policies) {
        const ref = /\$\(presentation\.(.+)\)/.exec(policy.getAttribute('presentation') ?? '')?.[1];
        if (!ref) continue;
        const controls = Array.from((presentations.get(ref) as Element).childNodes).filter((n): n is Element => n.nodeType === 1);
        const ids = values.filter((v) => v.policy === policy && v.element !== policy).map((v) => v.element.getAttribute('id'));
        expect(controls.map((c) => c.getAttribute('refId')).sort(), ref).toEqual(ids.sort());
      }
    });

    it('explains every policy with its registry value name', () => {
      for (const key of ALL_KEYS) expect(strings.get(`${key}_Explain`), key).toContain(key);
    });

    if (language === 'zh-CN') {
      it('is translated (every explanation is written in Chinese)', () => {
        for (const key of ALL_KEYS) expect(strings.get(`${key}_Explain`), key).toMatch(/[\u4e00-\u9fff]/);
      });
    }
  });
});

describe('macOS configuration profile (.mobileconfig)', () => {
  interface Payload {
    readonly PayloadType: string;
    readonly PayloadUUID: string;
    readonly PayloadIdentifier: string;
    readonly [key: string]: unknown;
  }
  const profile = readPlist('build/policy/macos/com.deskside.agent.mobileconfig') as Payload & { PayloadContent: Payload[] };
  const { appId } = readBuilderConfig();
  const settings = profile.PayloadContent.find((p) => p.PayloadType === appId);
  const settingKeys = Object.keys(settings ?? {}).filter((k) => !k.startsWith('Payload'));

  it('is a system-scoped profile whose payloads each have a unique UUID and identifier', () => {
    expect(profile.PayloadType).toBe('Configuration');
    expect(profile.PayloadScope).toBe('System');
    const all = [profile, ...profile.PayloadContent];
    const uuid = /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;
    for (const p of all) expect(p.PayloadUUID).toMatch(uuid);
    expect(new Set(all.map((p) => p.PayloadUUID)).size).toBe(all.length);
    expect(new Set(all.map((p) => p.PayloadIdentifier)).size).toBe(all.length);
  });

  it('manages the preferences domain the agent reads', () => {
    expect(settings, `a payload of type ${appId}`).toBeDefined();
    expect(POLICY_LOCATIONS.darwin).toBe(`/Library/Managed Preferences/${appId}.plist`);
  });

  it('carries exactly the policy keys the agent reads, with values the agent accepts', () => {
    expect(keyDiff(settingKeys, ALL_KEYS)).toEqual({ missing: [], extra: [], duplicated: [] });
    for (const key of settingKeys) expect([key, agentAccepts(key, settings?.[key])]).toEqual([key, true]);
  });

  it('uses the native plist type of each key (string, integer, boolean, array of strings)', () => {
    const plistKind = (v: unknown): PolicyValueKind | 'other' =>
      typeof v === 'string'
        ? 'string'
        : Number.isInteger(v)
          ? 'integer'
          : typeof v === 'boolean'
            ? 'boolean'
            : Array.isArray(v) && v.every((x) => typeof x === 'string')
              ? 'list'
              : 'other';
    for (const key of ALL_KEYS) expect([key, plistKind(settings?.[key])]).toEqual([key, kindOf(key)]);
  });

  it('grants Full Disk Access to the signed Deskside app for the backup collector', () => {
    const pppc = profile.PayloadContent.find((p) => p.PayloadType === 'com.apple.TCC.configuration-profile-policy');
    const services = pppc?.Services as { SystemPolicyAllFiles?: Record<string, unknown>[] } | undefined;
    const entry = services?.SystemPolicyAllFiles?.find((e) => e.Identifier === appId);
    expect(entry).toMatchObject({ IdentifierType: 'bundleID', Authorization: 'Allow' });
    expect(entry?.CodeRequirement).toContain(`identifier "${appId}"`);
    expect(entry?.CodeRequirement).toContain('anchor apple generic');
  });
});

describe('Linux policy sample (/etc/deskside/agent.json)', () => {
  const sample = JSON.parse(readRepoFile('build/policy/linux/agent.json')) as Record<string, unknown>;

  it('carries exactly the policy keys the agent reads, with values the agent accepts', () => {
    expect(keyDiff(Object.keys(sample), ALL_KEYS)).toEqual({ missing: [], extra: [], duplicated: [] });
    for (const [key, value] of Object.entries(sample)) expect([key, agentAccepts(key, value)]).toEqual([key, true]);
  });

  it('is shipped where administrators find it (resources/policy)', () => {
    expect(readBuilderConfig().extraResources).toContainEqual(expect.objectContaining({ from: 'build/policy', to: 'policy' }));
  });
});

describe("the installers' preset tool", () => {
  it('knows exactly the policy keys and kinds the agent and the tray app read', async () => {
    const url = new URL(`file://${repoPath('build/installer/preset-config.mjs')}`).href;
    const tool = (await import(url)) as { POLICY_KEYS: Record<string, string> };
    expect(tool.POLICY_KEYS).toEqual(Object.fromEntries(ALL_KEYS.map((k) => [k, kindOf(k)])));
  });
});
