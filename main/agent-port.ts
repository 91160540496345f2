import type { Agent } from '../agent/agent-types.js';

/**
 * What the tray's handlers need from the agent core: the facade's user-facing half. The tray never
 * reaches past it (no outbox or transport internals), so the CLI and the tray share one behaviour.
 */
export type AgentPort = Pick<
  Agent,
  | 'status'
  | 'syncNow'
  | 'submitTicket'
  | 'listTickets'
  | 'addComment'
  | 'diagnose'
  | 'defaultContact'
  | 'onEvent'
  | 'settings'
  | 'updateUserSettings'
  | 'retryFailed'
>;
