import type { DesksideBridge, IpcEvents, IpcResults } from '@deskside/shared';
import { vi } from 'vitest';

type Answers = { [C in keyof IpcResults]?: (...args: unknown[]) => IpcResults[C] | Promise<IpcResults[C]> };

/** A stand-in for the preload's window.deskside: canned answers per channel, recorded calls, pushable events. */
export function installFakeBridge(answers: Answers) {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const invoke = vi.fn(async (channel: keyof IpcResults, ...args: unknown[]) => {
    const answer = answers[channel];
    if (!answer) throw new Error(`deskside-ipc:not-found:no answer for ${channel}`);
    return answer(...args);
  });
  const bridge = {
    invoke,
    on: (event: string, listener: (p: unknown) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)!.delete(listener);
    },
  } as unknown as DesksideBridge;
  Object.defineProperty(window, 'deskside', { value: bridge, configurable: true });
  return {
    invoke,
    calls: (channel: keyof IpcResults) => invoke.mock.calls.filter((c) => c[0] === channel).map((c) => c.slice(1)),
    emit<E extends keyof IpcEvents>(event: E, payload: IpcEvents[E]) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
  };
}
