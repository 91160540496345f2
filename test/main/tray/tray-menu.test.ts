import type { TrayStatus } from '@deskside/shared';
import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../electron-mock.js'));

const { Tray, electronMock } = await import('../electron-mock.js');
const { trayMenuTemplate, trayTooltip } = await import('../../../main/tray/tray-menu.js');
const { statusIconBitmap, HEALTH_COLOURS } = await import('../../../main/tray/tray-icon.js');
const { setupTray } = await import('../../../main/tray/setup-tray.js');
const { trayMessages } = await import('../../../main/i18n/tray-messages.js');
const { parseTrayPolicy } = await import('../../../main/policy/tray-policy.js');

const en = trayMessages('en');
const policy = parseTrayPolicy({}).policy;
const status = (overrides: Partial<TrayStatus> = {}): TrayStatus => ({
  health: 'ok',
  enrolled: true,
  online: true,
  lastContactAt: null,
  lastInventoryAt: null,
  outboxItems: 0,
  unreadTickets: 0,
  computerName: 'PC-ACCT-017',
  userName: 'alice',
  ipAddresses: ['10.20.30.40', 'fd00::17'],
  attention: [],
  ...overrides,
});
const actions = () => ({ open: vi.fn(), syncNow: vi.fn(), quit: vi.fn() });
const ids = (items: MenuItemConstructorOptions[]) => items.filter((i) => i.type !== 'separator').map((i) => i.id);
const byId = (items: MenuItemConstructorOptions[], id: string) => items.find((i) => i.id === id)!;

beforeEach(() => electronMock.reset());

describe('tray menu', () => {
  it('has the items of the issue in order, each opening its view', () => {
    const a = actions();
    const items = trayMenuTemplate(status(), policy, en, a, false);
    expect(ids(items)).toEqual(['status', 'report', 'tickets', 'device', 'sync', 'settings', 'about', 'quit']);
    expect(items.map((i) => i.label).filter(Boolean)).toEqual(['All is well', 'Report a problem…', 'My tickets', 'My device', 'Sync now', 'Settings', 'About Deskside', 'Quit Deskside']);
    for (const [id, view] of [
      ['report', 'report'],
      ['tickets', 'tickets'],
      ['device', 'device'],
      ['settings', 'settings'],
      ['about', 'about'],
    ] as const) {
      (byId(items, id).click as () => void)();
      expect(a.open).toHaveBeenLastCalledWith({ view });
    }
    (byId(items, 'sync').click as () => void)();
    expect(a.syncNow).toHaveBeenCalled();
    expect(byId(items, 'report').accelerator).toBe('CommandOrControl+Alt+H');
  });

  it('shows unread replies, the status, and disables Sync while syncing or not enrolled', () => {
    const items = trayMenuTemplate(status({ unreadTickets: 2, health: 'offline' }), policy, en, actions(), true);
    expect(byId(items, 'tickets').label).toBe('My tickets (2 new replies)');
    expect(byId(items, 'status').label).toBe('Cannot reach the IT server');
    expect(byId(items, 'sync').enabled).toBe(false);
    const notEnrolled = trayMenuTemplate(status({ enrolled: false, health: 'offline' }), policy, en, actions(), false);
    expect(byId(notEnrolled, 'sync').enabled).toBe(false);
    expect(byId(notEnrolled, 'status').label).toBe('Not connected to IT yet');
    expect(byId(trayMenuTemplate(status(), policy, en, actions(), false), 'sync').enabled).toBe(true);
    expect(byId(trayMenuTemplate(status({ unreadTickets: 1 }), policy, trayMessages('zh-CN'), actions(), false), 'tickets').label).toBe('我的工单（1 条新回复）');
  });

  it('hides Quit when policy says so', () => {
    const items = trayMenuTemplate(status(), { ...policy, hideQuit: true }, en, actions(), false);
    expect(ids(items)).not.toContain('quit');
    expect(items.at(-1)?.type).not.toBe('separator');
  });

  it('tooltip carries computer name, user and IP for the phone call', () => {
    expect(trayTooltip(status(), en, { computerName: 'x', userName: 'y' })).toBe('Deskside: All is well\nComputer: PC-ACCT-017\nUser: alice\nIP: 10.20.30.40, fd00::17');
    expect(trayTooltip(status({ ipAddresses: [] }), en, { computerName: 'x', userName: 'y' })).toContain('IP: no network address');
    expect(trayTooltip(null, en, { computerName: 'PC-1', userName: 'bob' })).toContain('Computer: PC-1\nUser: bob');
  });

  it('says a refusing proxy is the problem, not the IT server', () => {
    const refused = status({ health: 'offline', online: false, proxyRefused: 407 });
    expect(trayTooltip(refused, en, { computerName: 'x', userName: 'y' })).toContain('Deskside: The network proxy asks for a sign-in this computer cannot give: contact IT');
    expect(trayTooltip(status({ health: 'offline', online: false, proxyRefused: 403 }), trayMessages('zh-CN'), { computerName: 'x', userName: 'y' })).toContain('网络代理阻止了 IT 服务器（HTTP 403）');
  });
});

describe('tray icon', () => {
  it('is a disc in the status colour with a transparent outside', () => {
    for (const health of ['ok', 'attention', 'offline'] as const) {
      const px = statusIconBitmap(health, 32);
      expect(px.length).toBe(32 * 32 * 4);
      const centre = (16 * 32 + 16) * 4;
      const [r, g, b] = HEALTH_COLOURS[health];
      expect([px[centre + 2], px[centre + 1], px[centre], px[centre + 3]]).toEqual([r, g, b, 255]);
      expect(px[3]).toBe(0); // corner pixel alpha
    }
    expect(statusIconBitmap('ok', 16).equals(statusIconBitmap('offline', 16))).toBe(false);
  });

  it('setupTray renders icon, tooltip and menu for each status update', () => {
    const view = setupTray(actions(), { computerName: 'PC-1', userName: 'bob' });
    const tray = Tray.created[0]!;
    view.update(status({ health: 'attention', unreadTickets: 1 }), en, { ...policy, hideQuit: true });
    expect(tray.tooltip).toContain('Something needs your attention');
    const template = tray.menu!.template as MenuItemConstructorOptions[];
    expect(ids(template)).not.toContain('quit');
    expect(byId(template, 'tickets').label).toBe('My tickets (1 new reply)');
    const image = tray.image as { reps: { scaleFactor: number; width: number; buffer: Buffer }[] };
    expect(image.reps.map((r) => [r.scaleFactor, r.width])).toEqual([
      [1, 16],
      [2, 32],
    ]);
    expect(image.reps[0]!.buffer.equals(statusIconBitmap('attention', 16))).toBe(true);
    view.setSyncing(true);
    expect(byId(tray.menu!.template as MenuItemConstructorOptions[], 'sync').enabled).toBe(false);
  });
});
