import { describe, expect, it } from 'vitest';

import { DEFAULT_REPORT_SHORTCUT, parseTrayPolicy } from '../../../main/policy/tray-policy.js';

describe('tray policy', () => {
  it('defaults: Quit shown, user chooses login start, default shortcut, no updates', () => {
    expect(parseTrayPolicy({})).toEqual({
      policy: { hideQuit: false, startAtLogin: undefined, reportShortcut: DEFAULT_REPORT_SHORTCUT, updateFeedUrl: null },
      problems: [],
    });
  });

  it('reads registry DWORDs, plist booleans and any key case', () => {
    const { policy } = parseTrayPolicy({ TrayHideQuit: 1, trayStartAtLogin: false, TRAYREPORTSHORTCUT: 'Ctrl+Shift+F1', UpdateFeedUrl: 'https://updates.example.org/deskside' });
    expect(policy).toEqual({ hideQuit: true, startAtLogin: false, reportShortcut: 'Ctrl+Shift+F1', updateFeedUrl: 'https://updates.example.org/deskside' });
  });

  it('an empty shortcut disables it; bad values are reported and cost only their key', () => {
    const { policy, problems } = parseTrayPolicy({ trayReportShortcut: '', trayHideQuit: 'maybe', updateFeedUrl: 'http://insecure.example.org' });
    expect(policy.reportShortcut).toBeNull();
    expect(policy.hideQuit).toBe(false);
    expect(policy.updateFeedUrl).toBeNull();
    expect(problems.map((p) => p.key).sort()).toEqual(['trayHideQuit', 'updateFeedUrl']);
  });
});
