import { describe, expect, it } from 'vitest';

import { PEER_POLICY_KEY_NAMES, SETTING_KEYS } from '../../../agent/config/policy-keys.js';
import { normalizePolicyKeys } from '../../../agent/config/policy-reader.js';
import { resolveSettings } from '../../../agent/config/resolve-settings.js';
import { DEFAULT_SETTINGS } from '../../../agent/config/settings-schema.js';
import { TRAY_POLICY_KEYS } from '../../../main/policy/tray-policy.js';

const empty = { values: {} };

describe('resolveSettings', () => {
  it('uses defaults when nothing is set', () => {
    const { view } = resolveSettings({ policy: empty, server: empty, user: empty, lastGood: {} });
    expect(view.values).toEqual(DEFAULT_SETTINGS);
    expect(Object.values(view.sourceOf).every((s) => s === 'default')).toBe(true);
    expect(view.locked).toEqual([]);
    expect(view.problems).toEqual([]);
  });

  it('policy beats server beats user beats default, and policy keys are locked', () => {
    const { view } = resolveSettings({
      policy: { values: { inventoryIntervalHours: 6 } },
      server: { values: { inventoryIntervalHours: 12, checkinIntervalMinutes: 30 } },
      user: { values: { inventoryIntervalHours: 48, checkinIntervalMinutes: 5, language: 'de-DE' } },
      lastGood: {},
    });
    expect(view.values.inventoryIntervalHours).toBe(6);
    expect(view.sourceOf.inventoryIntervalHours).toBe('policy');
    expect(view.values.checkinIntervalMinutes).toBe(30);
    expect(view.sourceOf.checkinIntervalMinutes).toBe('server');
    expect(view.values.language).toBe('de-DE');
    expect(view.sourceOf.language).toBe('user');
    expect(view.locked).toEqual(['inventoryIntervalHours']);
  });

  it('names the source and key of an invalid value and falls through to the next source', () => {
    const { view } = resolveSettings({
      policy: { values: {} },
      server: empty,
      user: { values: { checkinIntervalMinutes: 0, serverUrl: 'ftp://x', colour: 'blue' } },
      lastGood: {},
    });
    expect(view.values.checkinIntervalMinutes).toBe(15);
    expect(view.problems).toEqual(
      expect.arrayContaining([
        { source: 'user', key: 'colour', message: 'unknown setting (ignored)' },
        expect.objectContaining({ source: 'user', key: 'checkinIntervalMinutes', message: expect.stringMatching(/>=1.*ignored|1.*ignored/) }),
        expect.objectContaining({ source: 'user', key: 'serverUrl', message: expect.stringContaining('http(s) URL') }),
      ]),
    );
  });

  it('keeps the last good value when a source turns invalid', () => {
    const first = resolveSettings({ policy: { values: { inventoryIntervalHours: 6 } }, server: empty, user: empty, lastGood: {} });
    const second = resolveSettings({ policy: { values: { inventoryIntervalHours: 'six' } }, server: empty, user: { values: { inventoryIntervalHours: 48 } }, lastGood: first.lastGood });
    // the policy's typo does not unlock the key: the user's 48 is not taken
    expect(second.view.values.inventoryIntervalHours).toBe(6);
    expect(second.view.sourceOf.inventoryIntervalHours).toBe('policy');
    expect(second.view.problems).toContainEqual(expect.objectContaining({ source: 'policy', key: 'inventoryIntervalHours', message: expect.stringContaining('keeping the last good value') }));
  });

  it('keeps last good values of a source that cannot be read at all', () => {
    const first = resolveSettings({ policy: empty, server: empty, user: { values: { language: 'fr-FR' } }, lastGood: {} });
    const second = resolveSettings({ policy: empty, server: empty, user: { values: {}, error: 'settings.json is not valid JSON' }, lastGood: first.lastGood });
    expect(second.view.values.language).toBe('fr-FR');
    expect(second.view.problems).toContainEqual({ source: 'user', key: '*', message: 'settings.json is not valid JSON' });
  });

  it('ignores settings the server may not push', () => {
    const { view } = resolveSettings({ policy: empty, server: { values: { serverUrl: 'https://evil.example', proxyUrl: 'http://evil:8080' } }, user: empty, lastGood: {} });
    expect(view.values.serverUrl).toBeNull();
    expect(view.values.proxyUrl).toBe('');
    expect(view.problems.map((p) => p.key).sort()).toEqual(['proxyUrl', 'serverUrl']);
  });

  it('coerces registry-style values from policy and user files', () => {
    const { view } = resolveSettings({ policy: { values: { screenshotsAllowed: 0, disabledCategories: ['software'] } }, server: empty, user: { values: { checkinIntervalMinutes: '20' } }, lastGood: {} });
    expect(view.values.screenshotsAllowed).toBe(false);
    expect(view.values.disabledCategories).toEqual(['software']);
    expect(view.values.checkinIntervalMinutes).toBe(20);
  });
});

describe('shared policy store', () => {
  it('leaves keys of other Deskside components in the policy alone', () => {
    const { view } = resolveSettings({ policy: { values: { trayHideQuit: 1, serverUrl: 'https://d.example' } }, server: empty, user: empty, lastGood: {} });
    expect(view.problems).toEqual([]);
    expect(view.values.serverUrl).toBe('https://d.example');
  });

  it('knows every tray key, in the case a registry or plist writes it, without warning', () => {
    const raw = { TrayHideQuit: 1, traystartatlogin: 0, TrayReportShortcut: 'CommandOrControl+Alt+H', UpdateFeedUrl: 'https://d.example/updates', ServerUrl: 'https://d.example' };
    const { view } = resolveSettings({ policy: { values: normalizePolicyKeys(raw) }, server: empty, user: empty, lastGood: {} });
    expect(view.problems).toEqual([]);
    expect(view.values.serverUrl).toBe('https://d.example');
    // known, not taken as agent settings
    expect(Object.keys(view.values)).not.toContain('trayHideQuit');
  });

  it('still reports a misspelt policy key, so an admin learns the policy does nothing', () => {
    const { view } = resolveSettings({ policy: { values: normalizePolicyKeys({ servreUrl: 'https://d.example', trayHideQuitt: 1 }) }, server: empty, user: empty, lastGood: {} });
    expect(view.problems).toEqual([
      { source: 'policy', key: 'servreUrl', message: 'unknown setting (ignored)' },
      { source: 'policy', key: 'trayHideQuitt', message: 'unknown setting (ignored)' },
    ]);
    expect(view.values.serverUrl).toBeNull();
  });

  it('reports tray keys outside the policy store: the user file and the server hold agent settings only', () => {
    const { view } = resolveSettings({ policy: empty, server: { values: { updateFeedUrl: 'https://x.example' } }, user: { values: { trayHideQuit: true } }, lastGood: {} });
    expect(view.problems).toEqual([
      { source: 'server', key: 'updateFeedUrl', message: 'unknown setting (ignored)' },
      { source: 'user', key: 'trayHideQuit', message: 'unknown setting (ignored)' },
    ]);
  });

  it("lists exactly the tray app's policy keys as another component's", () => {
    expect([...PEER_POLICY_KEY_NAMES].sort()).toEqual(Object.keys(TRAY_POLICY_KEYS).sort());
    for (const key of PEER_POLICY_KEY_NAMES) expect(SETTING_KEYS).not.toContain(key);
  });
});
