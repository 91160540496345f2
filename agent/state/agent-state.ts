import { join } from 'node:path';

import { ContactSchema, DeviceTicketViewSchema, PushedSettingsSchema, SupportIdSchema } from '@deskside/shared';
import { z } from 'zod';

import { InvalidFileError, readJsonFile, writeJsonFile } from '../support/json-file.js';

const when = z.iso.datetime({ offset: true }).nullable();

/** What the agent remembers between runs (never the credential: that lives in the CredentialStore). */
export const AgentStateSchema = z.object({
  v: z.literal(1),
  lastCheckinAt: when,
  lastInventoryAt: when,
  lastInventoryKind: z.enum(['full', 'partial']).nullable(),
  lastFullInventoryAt: when,
  /** When the next scheduled inventory is due (first one spread over the interval). */
  nextInventoryAt: when,
  /** Next check-in and next outbox retry, so a separate daemon process can sleep until then. */
  nextCheckinAt: when.default(null),
  nextOutboxAt: when.default(null),
  lastError: z.string().nullable(),
  /** Section hashes the server acknowledged: the base of the next delta. */
  ackedSectionHashes: z.record(z.string(), z.string()),
  /** The server asked for a full inventory at check-in. */
  fullInventoryRequested: z.boolean(),
  ticketCursor: z.string().nullable(),
  pushedSettings: PushedSettingsSchema.nullable(),
  /** Per setting, the last value that validated, and where it came from. */
  lastGood: z.record(z.string(), z.strictObject({ value: z.unknown(), source: z.enum(['policy', 'server', 'user', 'default']) })),
  lastContact: ContactSchema.nullable(),
  tickets: z.array(DeviceTicketViewSchema),
  /** Why the agent is not enrolled (credential revoked, no secret configured), shown by status. */
  notEnrolledReason: z.string().nullable(),
  /** Summary of the last collected inventory for ticket diagnostics. */
  lastInventorySummary: z.record(z.string(), z.unknown()).nullable(),
  /** The remote-assistance ID the user can read out to the help desk (the tray's About page), from the last inventory. */
  supportId: SupportIdSchema.nullable().default(null),
});
export type AgentState = z.infer<typeof AgentStateSchema>;

export const EMPTY_STATE: AgentState = {
  v: 1,
  lastCheckinAt: null,
  lastInventoryAt: null,
  lastInventoryKind: null,
  lastFullInventoryAt: null,
  nextInventoryAt: null,
  nextCheckinAt: null,
  nextOutboxAt: null,
  lastError: null,
  ackedSectionHashes: {},
  fullInventoryRequested: false,
  ticketCursor: null,
  pushedSettings: null,
  lastGood: {},
  lastContact: null,
  tickets: [],
  notEnrolledReason: null,
  lastInventorySummary: null,
  supportId: null,
};

/**
 * state.json in the data folder, updated through one queue so concurrent tasks (a check-in and a
 * delivery) never overwrite each other's changes. A damaged file is set aside and the agent starts
 * fresh: it costs one full inventory, nothing the user wrote.
 */
export class StateStore {
  private current: AgentState = EMPTY_STATE;
  private queue: Promise<unknown> = Promise.resolve();
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'state.json');
  }

  async load(): Promise<AgentState> {
    try {
      this.current = (await readJsonFile(this.path, AgentStateSchema)) ?? EMPTY_STATE;
    } catch (e) {
      if (!(e instanceof InvalidFileError)) throw e;
      this.current = EMPTY_STATE;
    }
    return this.current;
  }

  get(): AgentState {
    return this.current;
  }

  update(change: (state: AgentState) => Partial<AgentState>): Promise<AgentState> {
    const run = this.queue.then(async () => {
      const next = { ...this.current, ...change(this.current) };
      await writeJsonFile(this.path, next);
      this.current = next;
      return next;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
