import type { PolicyReader, SettingsView } from '../agent-types.js';
import type { SettingsLayer } from '../config/resolve-settings.js';
import { resolveSettings } from '../config/resolve-settings.js';
import type { AgentSettings } from '../config/settings-schema.js';
import { readUserSettings, writeUserSettings } from '../config/user-settings.js';
import type { Logger } from '../host.js';
import type { InstallerTagReader } from '../identity/installer-tag.js';
import type { OutboxCaps } from '../outbox/outbox.js';
import type { StateStore } from '../state/agent-state.js';
import type { EventHub } from '../support/events.js';

const HOUR = 3_600_000;

export interface SettingsKeeperDeps {
  readonly policy: PolicyReader;
  readonly installerTag: InstallerTagReader;
  readonly state: StateStore;
  /** The user's settings file. */
  readonly userFile: string;
  readonly logger: Logger;
  readonly hub: EventHub;
  /** How long a policy or tag read is reused (reading may start reg.exe or plutil). */
  readonly refreshMs: number;
}

/**
 * The agent's settings: managed policy → server-pushed → the user's file → defaults, resolved again
 * before most operations (the file may change under us), each problem reported once.
 */
export class SettingsKeeper {
  #view: SettingsView | null = null;
  #policyCache: { at: number; layer: SettingsLayer } | null = null;
  #tagCache: { at: number; tag: string | undefined; problem: string | null } | null = null;
  readonly #reportedProblems = new Set<string>();

  constructor(private readonly d: SettingsKeeperDeps) {}

  /** The settings as last resolved. */
  get view(): SettingsView {
    if (!this.#view) throw new Error('settings read before they were resolved');
    return this.#view;
  }

  get values(): AgentSettings {
    return this.view.values;
  }

  /** The outbox's size and age caps from the current settings. */
  caps(): OutboxCaps {
    return { maxBytes: this.values.outboxMaxMegabytes * 1024 * 1024, maxAgeMs: this.values.outboxMaxAgeDays * 24 * HOUR };
  }

  /** Managed policy changes rarely and reading it can start a process: read it at most once a refresh period. */
  async #readPolicy(): Promise<SettingsLayer> {
    const now = Date.now();
    if (this.#policyCache && now - this.#policyCache.at < this.d.refreshMs) return this.#policyCache.layer;
    let layer: SettingsLayer;
    try {
      layer = { values: await this.d.policy.read() };
    } catch (e) {
      layer = { values: {}, error: (e as Error).message };
    }
    this.#policyCache = { at: now, layer };
    return layer;
  }

  async reload(): Promise<SettingsView> {
    const { state, logger, hub } = this.d;
    const policy = await this.#readPolicy();
    const user = await readUserSettings(this.d.userFile);
    const server: SettingsLayer = { values: state.get().pushedSettings ?? {} };
    const { view, lastGood } = resolveSettings({ policy, server, user, lastGood: state.get().lastGood });
    const before = this.#view ? JSON.stringify(this.#view.values) : null;
    this.#view = view;
    if (JSON.stringify(lastGood) !== JSON.stringify(state.get().lastGood)) await state.update(() => ({ lastGood }));
    // Report each problem once, not on every reload: the file is re-read before most operations.
    for (const problem of view.problems) {
      const key = JSON.stringify(problem);
      if (this.#reportedProblems.has(key)) continue;
      this.#reportedProblems.add(key);
      logger.warn('configuration problem', { ...problem });
      hub.emit({ type: 'config-problem', problem });
    }
    const current = new Set(view.problems.map((p) => JSON.stringify(p)));
    for (const key of this.#reportedProblems) if (!current.has(key)) this.#reportedProblems.delete(key);
    if (before !== null && before !== JSON.stringify(view.values)) hub.emit({ type: 'settings-changed', settings: view });
    return view;
  }

  /** The installer's rollout tag, read like the policy at most once a refresh period; a bad one is reported once and not sent. */
  async recordedTag(): Promise<string | undefined> {
    const now = Date.now();
    const cached = this.#tagCache;
    if (cached && now - cached.at < this.d.refreshMs) return cached.tag;
    let tag: string | undefined;
    let problem: string | null = null;
    try {
      tag = (await this.d.installerTag.read()) ?? undefined;
    } catch (e) {
      problem = (e as Error).message;
      if (problem !== cached?.problem) this.d.logger.warn(problem);
    }
    this.#tagCache = { at: now, tag, problem };
    return tag;
  }

  async updateUser(patch: Partial<AgentSettings>): Promise<SettingsView> {
    const current = await this.reload();
    const locked = Object.keys(patch).filter((k) => (current.locked as readonly string[]).includes(k));
    if (locked.length > 0) throw new Error(`set by your organisation's policy and cannot be changed: ${locked.join(', ')}`);
    const user = await readUserSettings(this.d.userFile);
    if (user.error) throw new Error(`${user.error}; fix or remove the file first`);
    await writeUserSettings(this.d.userFile, { ...user.values, ...patch });
    const view = await this.reload();
    const bad = view.problems.filter((p) => p.source === 'user' && Object.hasOwn(patch, p.key));
    if (bad.length > 0) throw new Error(bad.map((p) => `${p.key}: ${p.message}`).join('; '));
    return view;
  }

  /** After an enrollment: the server to use next time, unless policy names it (the secret is never written). */
  async rememberServer(serverUrl: string): Promise<void> {
    if (this.view.sourceOf.serverUrl === 'policy' || this.values.serverUrl === serverUrl) return;
    const user = await readUserSettings(this.d.userFile);
    // The credential already names its server: a read-only settings file must not undo the enrollment.
    if (user.error) return;
    await writeUserSettings(this.d.userFile, { ...user.values, serverUrl }).catch((e: unknown) =>
      this.d.logger.warn('enrolled, but the server URL could not be saved in the settings file', { file: this.d.userFile, error: (e as Error).message }),
    );
  }
}
