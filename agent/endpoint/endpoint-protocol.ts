/**
 * The local endpoint's wire contract, shared by the service, its worker and the clients (tray, CLI).
 * HTTP/1.1 over a Unix socket or a named pipe; JSON bodies; errors as `{ error: { code, name, message } }`.
 * Kept free of the schema library: the long-lived service process loads only this.
 */
export const ENDPOINT_VERSION = 1;

export const ENDPOINT_OPS = [
  'status',
  'settings',
  'update-settings',
  'sync',
  'retry-failed',
  'diagnose',
  'contact',
  'submit-ticket',
  'tickets',
  'comment',
  'feedback',
  'ticket-file',
  'articles',
  'article-solved',
  'user-scope',
  'handover',
] as const;
export type EndpointOp = (typeof ENDPOINT_OPS)[number];

export const isEndpointOp = (value: string): value is EndpointOp => (ENDPOINT_OPS as readonly string[]).includes(value);

/** An error as it crosses the endpoint; `name` lets the client raise the same error class the core would. */
export interface EndpointError {
  readonly status: number;
  readonly code: string;
  readonly name: string;
  readonly message: string;
  /** The user's text, given back when a ticket could not be saved. */
  readonly draft?: unknown;
}

export type CallOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: EndpointError };

/** Who receives an event pushed by the core: one account (its tickets and items) or every client. */
export type Audience = { readonly account: string } | { readonly accountName: string } | 'all';

export interface AudiencedEvent {
  readonly audience: Audience;
  readonly event: unknown;
}

/** Messages between the service process and the worker (or a round) it starts. */
export type ToWorker =
  | { readonly t: 'call'; readonly id: number; readonly op: EndpointOp; readonly caller: { id: string; name: string; admin: boolean }; readonly input: unknown }
  | { readonly t: 'round'; readonly id: number; readonly reason: string }
  | { readonly t: 'exit' };

export type FromWorker =
  | { readonly t: 'ready' }
  | { readonly t: 'result'; readonly id: number; readonly outcome: CallOutcome }
  | { readonly t: 'event'; readonly audience: Audience; readonly event: unknown };

/** Largest JSON request (a ticket's text and reviewed diagnostics); files go through uploads. */
export const MAX_JSON_BYTES = 4 * 1024 * 1024;
/** Largest single upload (an attachment or a screenshot), matching the ticket limits. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
