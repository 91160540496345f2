import type { OutboundHandler } from './job.js';

/**
 * The handlers this instance runs, by kind. A worker claims only jobs of kinds it has a handler for,
 * so an instance without (say) the webhook handler leaves those jobs to one that has it.
 */
export class OutboundHandlers {
  private readonly byKind = new Map<string, OutboundHandler>();

  constructor(handlers: readonly OutboundHandler[] = []) {
    for (const h of handlers) this.register(h);
  }

  register<P>(handler: OutboundHandler<P>): this {
    if (this.byKind.has(handler.kind)) throw new Error(`an outbound handler for "${handler.kind}" is already registered`);
    this.byKind.set(handler.kind, handler as OutboundHandler);
    return this;
  }

  get(kind: string): OutboundHandler | undefined {
    return this.byKind.get(kind);
  }

  kinds(): readonly string[] {
    return [...this.byKind.keys()];
  }
}
