import { randomUUID } from 'node:crypto';

import type { DeviceArticle, DeviceTicketView, Diagnostics } from '@deskside/shared';
import { vi } from 'vitest';

import type { AgentEvent, AgentStatus, ArticleQueryOptions, ArticleResult, FeedbackDraft, SettingsView, TicketDraft, TicketFile } from '../../../agent/agent-types.js';
import { DEFAULT_SETTINGS, type AgentSettings } from '../../../agent/config/settings-schema.js';

/** An AgentPort whose every method is a spy, with state a test can steer. */
export function fakeAgent(options: { enrolled?: boolean; locked?: (keyof AgentSettings)[]; settings?: Partial<AgentSettings> } = {}) {
  const listeners = new Set<(e: AgentEvent) => void>();
  let values: AgentSettings = { ...DEFAULT_SETTINGS, serverUrl: 'https://deskside.example.org', ...options.settings };
  const state = {
    tickets: [] as DeviceTicketView[],
    articles: [] as DeviceArticle[],
    outbox: [] as AgentStatus['outbox'][number][],
    deliver: true,
    lastCheckinAt: '2026-11-29T08:00:00.000Z' as string | null,
    lastError: null as string | null,
    lastInventoryAt: '2026-11-29T07:00:00.000Z' as string | null,
    supportId: null as AgentStatus['supportId'],
    diagnostics: diagnosticsFixture(),
    /** Files `ticketFile` hands out, by attachment id; any other id fails as if offline. */
    files: new Map<string, TicketFile>(),
  };
  const settingsView = (): SettingsView => ({
    values,
    sourceOf: Object.fromEntries(Object.keys(values).map((k) => [k, 'default'])) as SettingsView['sourceOf'],
    locked: options.locked ?? [],
    problems: [],
  });
  const agent = {
    status: vi.fn(
      async (): Promise<AgentStatus> => ({
        version: '0.1.0',
        dataDir: '/tmp/agent',
        credentialStore: 'test',
        enrollment:
          options.enrolled === false
            ? { state: 'not-enrolled', reason: 'no server configured' }
            : { state: 'enrolled', deviceId: '7d1c1f0e-4c5a-4b8e-9a57-5d6a0d8d2b11', serverUrl: 'https://deskside.example.org', enrolledAt: '2026-11-01T00:00:00.000Z' },
        lastCheckinAt: state.lastCheckinAt,
        lastInventoryAt: state.lastInventoryAt,
        lastInventoryKind: 'partial',
        lastFullInventoryAt: null,
        lastError: state.lastError,
        ...(state.supportId !== undefined ? { supportId: state.supportId } : {}),
        outbox: state.outbox,
        outboxBytes: 0,
        settings: settingsView(),
      }),
    ),
    settings: vi.fn(async () => settingsView()),
    updateUserSettings: vi.fn(async (patch: Partial<AgentSettings>) => {
      values = { ...values, ...patch };
      return settingsView();
    }),
    syncNow: vi.fn(async () => ({ enrolled: true, checkedIn: true, inventory: null, delivered: [] as string[], remaining: [], errors: [] as string[] })),
    submitTicket: vi.fn(async (_draft: TicketDraft) => ({ id: randomUUID(), delivered: state.deliver, number: state.deliver ? 42 : null, error: state.deliver ? null : 'offline' })),
    listTickets: vi.fn(async (_options?: { readonly refresh?: boolean }) => state.tickets),
    addComment: vi.fn(async (_ticketId: string, _body: string) => ({ id: randomUUID(), delivered: state.deliver, number: null as number | null, error: null as string | null })),
    sendFeedback: vi.fn(async (_ticketId: string, _draft: FeedbackDraft) => ({ id: randomUUID(), delivered: state.deliver, number: null as number | null, error: null as string | null })),
    ticketFile: vi.fn(async (_ticketId: string, attachmentId: string): Promise<TicketFile> => {
      const file = state.files.get(attachmentId);
      if (file === undefined) throw new Error('the server could not be reached');
      return file;
    }),
    articles: vi.fn(async (_options?: ArticleQueryOptions): Promise<ArticleResult> => ({ articles: state.articles, source: 'offline', fetchedAt: null, error: null })),
    articleSolved: vi.fn(async (_articleId: string, _query: string) => ({ id: randomUUID(), delivered: state.deliver, number: null as number | null, error: null as string | null })),
    diagnose: vi.fn(async () => state.diagnostics),
    defaultContact: vi.fn(async () => ({ name: 'Alice Martin', email: 'alice@example.org', phone: null })),
    retryFailed: vi.fn(async () => ({ delivered: [] as string[], errors: [] as string[] })),
    onEvent: vi.fn((l: (e: AgentEvent) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    }),
  };
  const emit = (e: AgentEvent) => {
    for (const l of listeners) l(e);
  };
  return { agent, state, emit };
}

export function diagnosticsFixture(): Diagnostics {
  return {
    collectedAt: '2026-11-29T08:10:00.000Z',
    items: [
      { id: 'network', status: 'ok', durationMs: 120, summary: 'Gateway 192.168.1.1 reachable, DNS ok', data: { gateway: '192.168.1.1', dns: true }, truncated: null },
      { id: 'disks', status: 'ok', durationMs: 30, summary: 'C: 12 GB free', data: { volumes: [{ mount: 'C:', freeBytes: 12_000_000_000 }] }, truncated: null },
      { id: 'processes', status: 'ok', durationMs: 80, summary: '212 processes', data: { top: [{ name: 'Teams.exe', cpu: 31 }] }, truncated: null },
      { id: 'recent-errors', status: 'ok', durationMs: 300, summary: '3 errors in the last 24 h', data: { events: ['Outlook crashed'] }, truncated: null },
    ],
    redactions: 1,
    omitted: [],
    agentVersion: '0.1.0',
  };
}

export function ticketFixture(overrides: Partial<DeviceTicketView> = {}): DeviceTicketView {
  return {
    id: randomUUID(),
    number: 17,
    subject: 'Printer prints blank pages',
    status: 'open',
    priority: 'medium',
    createdAt: '2026-11-28T09:00:00.000Z',
    updatedAt: '2026-11-29T08:00:00.000Z',
    messages: [
      { id: randomUUID(), author: 'user', authorName: 'Alice', body: 'It prints blank pages.', createdAt: '2026-11-28T09:00:00.000Z' },
      { id: randomUUID(), author: 'technician', authorName: 'Bob (IT)', body: 'Can you try the other tray?', createdAt: '2026-11-29T08:00:00.000Z' },
    ],
    ...overrides,
  };
}
