import type { SubmittedTicket } from '../agent-types.js';
import type { AgentClient } from '../endpoint/service-agent.js';
import { EXIT } from './context.js';

/**
 * Tells the user what became of a reply or an answer on a ticket and gives the exit code: delivered
 * (0), refused for good and kept (1: a ticket a technician closed, say), or saved for the outbox (75).
 */
export async function reportDelivery(agent: AgentClient, result: SubmittedTicket, what: string, refusedHint = ''): Promise<number> {
  process.stdout.write(`${result.id}\n`);
  if (result.delivered) return EXIT.ok;
  const refused = (await agent.status()).outbox.find((i) => i.id === result.id)?.failed ?? null;
  if (refused !== null) {
    process.stderr.write(`Not sent: ${refused.message}. The ${what} is kept in the queue ("deskside-agent status")${refusedHint}.\n`);
    return EXIT.failure;
  }
  process.stderr.write(`Saved; not delivered yet (${result.error ?? 'will retry'}). It is sent automatically.\n`);
  return EXIT.queued;
}

/** Ticket ids are UUIDs ("tickets --json" lists them); anything else is a usage error. */
export function isTicketId(value: string): boolean {
  if (/^[0-9a-f-]{36}$/i.test(value)) return true;
  process.stderr.write(`deskside-agent: "${value.slice(0, 64)}" is not a ticket id\n`);
  return false;
}
