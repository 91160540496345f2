import { z } from 'zod';

/** The tray's own user preferences and memory, persisted by a KeyValueStore (electron-store in the app). */
export const TrayMemorySchema = z.object({
  startAtLogin: z.boolean().default(true),
  notifications: z.boolean().default(true),
  /** Technician messages the user has seen, per ticket, for unread counts and badges. */
  seenTechnicianMessages: z.record(z.string(), z.number().int().nonnegative()).default({}),
});
export type TrayMemory = z.infer<typeof TrayMemorySchema>;

export interface KeyValueStore {
  read(): unknown;
  write(value: TrayMemory): void;
}

/** Typed access over a raw store; a corrupt file is replaced by defaults rather than crashing the tray. */
export class TraySettings {
  #value: TrayMemory;

  constructor(private readonly store: KeyValueStore) {
    const parsed = TrayMemorySchema.safeParse(store.read() ?? {});
    this.#value = parsed.success ? parsed.data : TrayMemorySchema.parse({});
  }

  get(): TrayMemory {
    return this.#value;
  }

  update(patch: Partial<TrayMemory>): TrayMemory {
    this.#value = { ...this.#value, ...patch };
    this.store.write(this.#value);
    return this.#value;
  }

  markSeen(ticketId: string, technicianMessages: number): void {
    if ((this.#value.seenTechnicianMessages[ticketId] ?? -1) >= technicianMessages) return;
    this.update({ seenTechnicianMessages: { ...this.#value.seenTechnicianMessages, [ticketId]: technicianMessages } });
  }
}

export function memoryStore(initial: unknown = {}): KeyValueStore {
  let value = initial;
  return {
    read: () => value,
    write: (v) => {
      value = structuredClone(v);
    },
  };
}
