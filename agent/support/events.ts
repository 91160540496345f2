import type { AgentEvent } from '../agent-types.js';

/** Listeners for the facade's events; one failing listener never stops the others or the agent. */
export class EventHub {
  private readonly listeners = new Set<(event: AgentEvent) => void>();

  on(listener: (event: AgentEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: AgentEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // a listener's bug is the host's to log; the agent carries on
      }
    }
  }
}
