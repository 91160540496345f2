import { join } from 'node:path';

import type { Route, TrayStatus } from '@deskside/shared';
import { app, session, shell } from 'electron';


import type { Agent, AgentOptions } from '../../agent/agent-types.js';
import { osPolicyReader } from '../../agent/config/policy-reader.js';
import { defaultEndpointPath } from '../../agent/endpoint/endpoint-location.js';
import { currentPlatform } from '../../agent/support/platform.js';
import { createSystemAccess } from '../../collectors/exec/system-access.js';
import type { Logger } from '../core/ports.js';
import { TrayCore } from '../core/tray-core.js';
import { collectorHealthSource } from '../health/collector-health-source.js';
import { trayMessages } from '../i18n/tray-messages.js';
import { createDispatch } from '../ipc/dispatch.js';
import { sendNavigate, webContentsEventSink } from '../ipc/event-sink.js';
import { registerIpcHandlers } from '../ipc/register-ipc.js';
import { electronDownloads } from '../platform/downloads.js';
import { electronExternalLinks } from '../platform/external-links.js';
import { registerReportShortcut } from '../platform/global-shortcut.js';
import { electronHostEvents } from '../platform/host-events.js';
import { electronHostInfo } from '../platform/host-info.js';
import { electronLoginItem, HIDDEN_FLAG } from '../platform/login-item.js';
import { netTransport } from '../platform/net-transport.js';
import { electronNotifier } from '../platform/notifications.js';
import { safeStorageCredentialStore } from '../platform/safe-storage-credential-store.js';
import { ElectronScreenCaptures } from '../platform/screen-capture.js';
import { initialRoute, setupSingleInstance } from '../platform/single-instance.js';
import { setupUpdater } from '../platform/updater.js';
import { parseTrayPolicy, type TrayPolicy } from '../policy/tray-policy.js';
import { electronTrayStore } from '../settings/electron-tray-store.js';
import { TraySettings } from '../settings/tray-settings.js';
import { setupTray } from '../tray/setup-tray.js';
import { hardenSession } from '../windows/harden-session.js';
import { UI_PARTITION } from '../windows/ui-partition.js';
import { WindowManager } from '../windows/window-manager.js';
import { chooseAgent, reportUserScopePeriodically, watchForService } from './choose-agent.js';

export type CreateAgent = (options: AgentOptions) => Promise<Agent>;

/** How often a tray running its own agent looks for a service that was installed meanwhile. */
const SERVICE_PROBE_MS = 5 * 60_000;
/** How often a client tray tells the service about this user's own sections (proxy, OneDrive…). */
const USER_SCOPE_EVERY_MS = 4 * 3_600_000;

export interface TrayApp {
  readonly core: TrayCore;
  /** `service`: a client of this computer's agent service; `embedded`: the tray runs the agent itself. */
  readonly agentMode: 'service' | 'embedded';
  readonly windows: WindowManager;
  open(route: Route): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Everything the tray app sets up once Electron is ready, one concern per call. The order matters
 * only where noted: policy before anything it governs, the agent before the core, IPC before windows.
 */
export async function startTray(options: {
  createAgent: CreateAgent;
  paths: { preload: string; rendererUrl: string };
  log: Logger;
  /** Where the agent service answers (default: the platform's socket or pipe, or DESKSIDE_AGENT_SOCKET). */
  serviceEndpoint?: string;
}): Promise<TrayApp | null> {
  const { log, paths } = options;
  const host = electronHostInfo();
  const windowsRef: { current: WindowManager | null } = { current: null };
  const open = (route: Route) => windowsRef.current?.open(route) ?? Promise.resolve();
  if (!setupSingleInstance((route) => void open(route))) return null;

  app.setAppUserModelId('com.deskside.agent');
  if (process.platform === 'darwin') app.dock?.hide();
  // A tray app outlives its windows.
  app.on('window-all-closed', () => undefined);

  const system = createSystemAccess();
  const policy = await readTrayPolicy(system, log);
  const userData = app.getPath('userData');
  const hostEvents = electronHostEvents();
  const transportSession = session.fromPartition('deskside-agent');
  let pins: readonly string[] = [];
  const screens = new ElectronScreenCaptures(log);
  const platform = host.platform;
  const endpoint = options.serviceEndpoint ?? defaultEndpointPath(platform);
  const chosen = await chooseAgent({
    endpoint,
    platform,
    embeddedDataDir: join(userData, 'agent'),
    embeddedCredentials: safeStorageCredentialStore(userData),
    createEmbedded: options.createAgent,
    embeddedOptions: {
      screenshots: screens.provider(),
      transport: netTransport({ session: transportSession, serverKeyPins: () => pins, log }),
      events: hostEvents,
      system,
      logger: log,
    },
    log,
  });
  const agent = chosen.agent;
  log.info(chosen.mode === 'service' ? 'using the Deskside service of this computer' : 'no Deskside service here: running the agent in the tray', { endpoint });
  let agentSettings = await agent.settings();
  pins = agentSettings.values.serverKeyPins;
  agent.onEvent((e) => {
    if (e.type !== 'settings-changed') return;
    agentSettings = e.settings;
    pins = e.settings.values.serverKeyPins;
  });

  const uiSession = session.fromPartition(UI_PARTITION);
  hardenSession(uiSession, paths.rendererUrl);

  const settings = new TraySettings(electronTrayStore());
  const loginItem = electronLoginItem(log);
  loginItem.apply(policy.startAtLogin ?? settings.get().startAtLogin);

  const windows = new WindowManager({
    preloadPath: paths.preload,
    rendererUrl: paths.rendererUrl,
    title: 'Deskside',
    log,
    beforeReport: async () => {
      if ((await agent.settings()).values.screenshotsAllowed) await screens.capture();
    },
    navigate: sendNavigate,
    onClosed: () => screens.clear(),
  });
  windowsRef.current = windows;

  const events = webContentsEventSink(() => windows.windows());
  const healthSource = collectorHealthSource({
    disabled: () => agentSettings.values.disabledCategories,
    backupStaleDays: () => agentSettings.values.backupStaleDays,
  });
  const core = new TrayCore({
    agent,
    host,
    screens,
    healthSource,
    settings,
    policy: () => policy,
    windows: { open: (r) => void windows.open(r), close: (id) => windows.close(id) },
    events,
    notifier: electronNotifier((r) => void windows.open(r), log),
    network: { isUp: () => hostEvents.isOnline() },
    loginItem,
    downloads: electronDownloads(),
    links: electronExternalLinks(shell),
    attachmentsDir: join(userData, 'attachments'),
    log,
  });

  const unregisterIpc = registerIpcHandlers(createDispatch(core.handlers, log), { ownWebContents: () => windows.webContentsIds(), rendererUrlPrefix: paths.rendererUrl }, log);

  const identity = host.identity();
  const tray = setupTray(
    {
      open: (r) => void windows.open(r),
      syncNow: () => {
        tray.setSyncing(true);
        void core.syncNow().finally(() => tray.setSyncing(false));
      },
      quit: () => app.quit(),
    },
    identity,
  );
  const renderTray = async (status: TrayStatus | null) => tray.update(status, trayMessages(await core.language()), policy);
  core.onStatus((s) => void renderTray(s));
  await renderTray(null);

  const unregisterShortcut = registerReportShortcut(policy.reportShortcut, () => void windows.open({ view: 'report' }), log);
  const stopUpdater = setupUpdater(policy.updateFeedUrl, log);

  await core.start().catch((e: unknown) => log.warn('first status failed', { error: String(e) }));
  // Embedded: the tray runs the schedule itself, and steps aside (restarting as a client) when a service appears.
  const stopWatching =
    chosen.mode === 'embedded'
      ? (await chosen.agent.start(),
        watchForService({
          endpoint,
          platform,
          everyMs: SERVICE_PROBE_MS,
          onAppeared: () => {
            log.info('a Deskside service appeared: restarting as its client');
            app.relaunch({ args: [...process.argv.slice(1).filter((a) => a !== HIDDEN_FLAG), HIDDEN_FLAG] });
            app.quit();
          },
        }))
      : reportUserScopePeriodically(chosen.agent, { firstAfterMs: 60_000, everyMs: USER_SCOPE_EVERY_MS, log });
  const first = initialRoute(process.argv);
  if (first) void windows.open(first);

  return {
    core,
    windows,
    open,
    agentMode: chosen.mode,
    async shutdown() {
      stopWatching();
      unregisterShortcut();
      stopUpdater();
      unregisterIpc();
      core.stop();
      tray.destroy();
      await agent.stop();
    },
  };
}

async function readTrayPolicy(system: ReturnType<typeof createSystemAccess>, log: Logger): Promise<TrayPolicy> {
  const platform = currentPlatform();
  try {
    const raw = await osPolicyReader(platform, system).read();
    const { policy, problems } = parseTrayPolicy(raw);
    for (const p of problems) log.warn('ignored invalid tray policy value', { key: p.key, message: p.message });
    return policy;
  } catch (error) {
    log.error('managed policy unreadable; using defaults', { error: String(error) });
    return parseTrayPolicy({}).policy;
  }
}
