import { net, powerMonitor } from 'electron';

import type { HostEvents, HostEventType } from '../../agent/host.js';

const NETWORK_POLL_MS = 30_000;

/**
 * Power and network notifications for the agent (each triggers a debounced check-in). Electron has no
 * network-change event in the main process, so connectivity is sampled; the timer is unref'd and
 * costs one cheap call every 30 s.
 */
export function electronHostEvents(): HostEvents & { isOnline(): boolean } {
  const listeners = new Set<(e: HostEventType) => void>();
  const emit = (e: HostEventType) => {
    for (const l of listeners) l(e);
  };
  powerMonitor.on('resume', () => emit('resume'));
  powerMonitor.on('unlock-screen', () => emit('unlock'));
  let online = net.isOnline();
  const timer = setInterval(() => {
    const now = net.isOnline();
    if (now !== online) {
      online = now;
      emit('network-change');
    }
  }, NETWORK_POLL_MS);
  timer.unref();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    isOnline: () => online,
  };
}
