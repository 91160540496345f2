import { readFile, rm } from 'node:fs/promises';

import type { Contact, DeviceTicketView, DiagnosticItemId } from '@deskside/shared';
import { CommentSubmissionSchema, FeedbackSubmissionSchema, TicketSubmissionSchema } from '@deskside/shared';
import { z } from 'zod';

import type { AgentStatus, OutboxItemSummary, SettingsView, SyncResult } from '../agent-types.js';
import type { AgentInstance } from '../agent.js';
import { mergeContact } from '../tickets/contact.js';
import { combineDiagnostics } from '../user-scope/combine-diagnostics.js';
import { UserScopeStore } from '../user-scope/user-scope-store.js';
import type { AccountRecords } from './account-records.js';
import type { Caller } from './caller.js';
import { recordedFor, requesterOf } from './caller.js';
import { endpointErrorOf, ForbiddenError, InvalidRequestError, NotFoundError } from './endpoint-errors.js';
import type { OpInput } from './endpoint-ops.js';
import { OP_INPUTS } from './endpoint-ops.js';
import type { CallOutcome, EndpointOp } from './endpoint-protocol.js';
import { redactSettings } from './redact-settings.js';
import { uploadPath } from './uploads.js';

export interface CallHandlerDeps {
  readonly agent: AgentInstance;
  readonly records: AccountRecords;
  readonly uploadsDir: string;
}

export type CallHandler = (op: EndpointOp, caller: Caller, input: unknown) => Promise<CallOutcome>;

/**
 * Runs one operation of the local endpoint for a proven caller against the agent core. This is where
 * "a user sees and replies to their own tickets only" holds: every list is filtered by the account
 * records, every reply is checked against them, and files come only from the caller's own uploads.
 */
export function createCallHandler(deps: CallHandlerDeps): CallHandler {
  const ops = operations(deps);
  return async (op, caller, input) => {
    try {
      const parsed = OP_INPUTS[op].safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return { ok: false, error: { status: 400, code: 'invalid-request', name: 'EndpointError', message: `${op}: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` } };
      }
      const run = ops[op] as (caller: Caller, input: unknown) => Promise<unknown>;
      return { ok: true, value: await run(caller, parsed.data) };
    } catch (e) {
      return { ok: false, error: endpointErrorOf(e) };
    }
  };
}

type Operations = { readonly [O in EndpointOp]: (caller: Caller, input: OpInput<O>) => Promise<unknown> };

/**
 * A queued item's JSON checked against the contract before the service sends it as its own: the id is
 * the item's, and a ticket's requester is the proven caller, whatever the handed-over text claimed.
 */
function handedOverBody(item: OpInput<'handover'>['items'][number], caller: Caller): string {
  let raw: unknown;
  try {
    raw = JSON.parse(item.body);
  } catch {
    throw new InvalidRequestError(`item ${item.id}: its body is not JSON`);
  }
  const parsed =
    item.kind === 'ticket'
      ? { ...TicketSubmissionSchema.parse(raw), requesterAccount: requesterOf(caller) }
      : item.kind === 'feedback'
        ? FeedbackSubmissionSchema.parse(raw)
        : CommentSubmissionSchema.parse(raw);
  if (parsed.id !== item.id) throw new ForbiddenError(`item ${item.id} carries the id ${parsed.id}`);
  return JSON.stringify(parsed);
}

function operations({ agent, records, uploadsDir }: CallHandlerDeps): Operations {
  const userScope = new UserScopeStore(agent.dataDir);
  // The service's view of the machine and the caller's own (proxy, OneDrive, File History…), as one.
  const diagnoseFor = async (caller: Caller, omit: readonly DiagnosticItemId[] | undefined) =>
    combineDiagnostics(await agent.diagnose(omit ? { omit } : {}), await userScope.get(caller.id).catch(() => null));
  const visibleItem = (caller: Caller, item: OutboxItemSummary) => caller.admin || item.kind === 'inventory' || records.owns(caller.id, item.id);
  const visibleTicket = (caller: Caller, ticket: DeviceTicketView) => caller.admin || records.owns(caller.id, ticket.id) || recordedFor(ticket, caller);
  /** Theirs to answer: filed through the endpoint by them, or recorded for them by a technician. */
  const mayAnswer = async (caller: Caller, ticketId: string) =>
    caller.admin || records.owns(caller.id, ticketId) || (await agent.listTickets()).some((t) => t.id === ticketId && recordedFor(t, caller));
  /** Settings as this caller sees them: without secrets, with their own language. */
  const viewFor = (caller: Caller, resolved: SettingsView): SettingsView => {
    const view = redactSettings(resolved);
    const language = records.get(caller.id)?.language;
    return language === undefined || caller.admin ? view : { ...view, values: { ...view.values, language } };
  };
  const settingsFor = async (caller: Caller): Promise<SettingsView> => viewFor(caller, await agent.settings());
  const contactFor = (caller: Caller): Contact => records.get(caller.id)?.lastContact ?? { name: caller.name, email: null, phone: null };
  const readUpload = async (caller: Caller, id: string) => {
    try {
      return await readFile(uploadPath(uploadsDir, caller.id, id));
    } catch {
      throw new NotFoundError(`upload ${id} is not one of yours (or it expired): upload the file again`);
    }
  };
  const dropUploads = (caller: Caller, ids: readonly string[]) => Promise.all(ids.map((id) => rm(uploadPath(uploadsDir, caller.id, id), { force: true })));
  /**
   * Ids are chosen by clients (so retries are safe), so an id that already names someone else's ticket
   * or reply, or a ticket of this device no one filed through the endpoint, cannot be taken.
   */
  const claim = async (caller: Caller, id: string) => {
    const owner = records.ownerOf(id);
    if (owner === caller.id) return;
    const taken = owner !== null || (await agent.listTickets()).some((t) => t.id === id);
    if (taken && !caller.admin) throw new ForbiddenError(`${id} is not yours`);
  };
  const syncFor = (caller: Caller, result: SyncResult): SyncResult => ({
    ...result,
    remaining: result.remaining.filter((i) => visibleItem(caller, i)),
    delivered: result.delivered.filter((id) => caller.admin || records.owns(caller.id, id)),
  });

  return {
    status: async (caller) => {
      const s: AgentStatus = await agent.status();
      const outbox = s.outbox.filter((i) => visibleItem(caller, i));
      return { ...s, settings: viewFor(caller, s.settings), outbox, outboxBytes: outbox.reduce((n, i) => n + i.bytes, 0) };
    },
    settings: (caller) => settingsFor(caller),
    'update-settings': async (caller, { patch }) => {
      const keys = Object.keys(patch);
      if (caller.admin) return viewFor(caller, await agent.updateUserSettings(patch));
      // A user chooses their own language; everything else is the machine's and the administrator's.
      const others = keys.filter((k) => k !== 'language');
      if (others.length > 0) throw new ForbiddenError(`only an administrator of this computer may change: ${others.join(', ')}`);
      const language = z.string().max(35).nullable().parse(patch.language ?? null);
      await records.update(caller.id, caller.name, () => ({ language }));
      return settingsFor(caller);
    },
    sync: async (caller, input) => syncFor(caller, await agent.syncNow({ ...(input.fullInventory ? { fullInventory: true } : {}), ...(input.skipInventory ? { skipInventory: true } : {}) })),
    'retry-failed': async (caller) => {
      const result = await agent.retryFailed();
      return { delivered: result.delivered.filter((id) => caller.admin || records.owns(caller.id, id)), errors: result.errors };
    },
    diagnose: (caller, input) => diagnoseFor(caller, input.omit),
    contact: async (caller) => contactFor(caller),
    'submit-ticket': async (caller, input) => {
      const uploads = [...input.attachments.map((a) => a.upload), ...(input.screenshot ? [input.screenshot.upload] : [])];
      try {
        const files = await Promise.all(input.attachments.map(async (a) => ({ name: a.name, bytes: await readUpload(caller, a.upload) })));
        const screenshot = input.screenshot ? { bytes: await readUpload(caller, input.screenshot.upload), type: input.screenshot.type } : undefined;
        const contact = mergeContact(contactFor(caller), input.contact);
        // Recorded first: the delivery event that follows must already know whose ticket it is.
        await claim(caller, input.id);
        await records.addItem(caller.id, caller.name, input.id, contact);
        return await agent.submitTicket({
          id: input.id,
          requester: requesterOf(caller),
          subject: input.subject,
          description: input.description,
          ...(input.category ? { category: input.category } : {}),
          ...(input.urgency ? { urgency: input.urgency } : {}),
          ...(input.impact ? { impact: input.impact } : {}),
          contact,
          attachments: [],
          files,
          ...(screenshot ? { screenshot } : {}),
          // Gathered now unless the user reviewed them: the caller's own view included either way.
          diagnostics: input.diagnostics ?? (await diagnoseFor(caller, input.omitDiagnostics)),
          locale: input.locale ?? null,
        });
      } finally {
        await dropUploads(caller, uploads);
      }
    },
    tickets: async (caller, input) => (await agent.listTickets({ refresh: input.refresh ?? false })).filter((t) => visibleTicket(caller, t)),
    comment: async (caller, input) => {
      if (!(await mayAnswer(caller, input.ticketId))) throw new NotFoundError('no such ticket among yours');
      const id = input.id ?? crypto.randomUUID();
      await claim(caller, id);
      await records.addItem(caller.id, caller.name, id);
      return agent.addComment(input.ticketId, input.body, { id });
    },
    feedback: async (caller, input) => {
      if (!(await mayAnswer(caller, input.ticketId))) throw new NotFoundError('no such ticket among yours');
      const id = input.id ?? crypto.randomUUID();
      await claim(caller, id);
      await records.addItem(caller.id, caller.name, id);
      return agent.sendFeedback(input.ticketId, input.draft, { id });
    },
    // Only the caller's own tickets; the bytes cross the endpoint as base64 (at most one attachment's size).
    'ticket-file': async (caller, input) => {
      if (!(await mayAnswer(caller, input.ticketId))) throw new NotFoundError('no such ticket among yours');
      const file = await agent.ticketFile(input.ticketId, input.attachmentId);
      return { name: file.name, type: file.type, base64: Buffer.from(file.bytes).toString('base64') };
    },
    // Public articles only: the same for every account on the machine.
    articles: (_caller, input) => agent.articles(input),
    'article-solved': async (caller, input) => {
      const id = input.id ?? crypto.randomUUID();
      await claim(caller, id);
      await records.addItem(caller.id, caller.name, id);
      return agent.articleSolved(input.articleId, input.query, { id });
    },
    // The report is filed under the proven account only: a report about anyone else is refused.
    'user-scope': (caller, input) => agent.recordUserScope(input.report, caller.id),
    handover: async (caller, input) => {
      const accepted: string[] = [];
      for (const item of input.items) {
        await claim(caller, item.id);
        if (item.kind !== 'ticket' && item.ticketId && !(await mayAnswer(caller, item.ticketId))) {
          throw new ForbiddenError(`reply ${item.id} answers a ticket that is not yours`);
        }
        const body = handedOverBody(item, caller);
        const attachments = await Promise.all(item.attachments.map(async (a) => ({ field: a.field, name: a.name, type: a.type, bytes: await readUpload(caller, a.upload) })));
        await records.addItem(caller.id, caller.name, item.id);
        await agent.adoptQueuedItem({ id: item.id, kind: item.kind, label: item.label, body, attachments, ...(item.ticketId ? { ticketId: item.ticketId } : {}) });
        await dropUploads(caller, item.attachments.map((a) => a.upload));
        accepted.push(item.id);
      }
      void agent.syncNow({ skipInventory: true }).catch(() => undefined);
      return { accepted };
    },
  };
}
