import type { AgentClient } from '../agent/endpoint/service-agent.js';

/**
 * What the tray's handlers need from the agent: the user-facing half of the facade, the same whether
 * the core runs in the tray or in the machine's service (`AgentClient`). The tray never reaches past
 * it (no outbox or transport internals), so the CLI and the tray share one behaviour; stopping is the
 * app's business, not the handlers'.
 */
export type AgentPort = Omit<AgentClient, 'stop'>;
