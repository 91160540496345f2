import { decodeIpcError, type DesksideBridge, type IpcArgs, type IpcErrorCode, type IpcEvents, type IpcResults } from '@deskside/shared';

declare global {
  interface Window {
    readonly deskside?: DesksideBridge;
  }
}

/** A failed request, with the stable code the main process sent. */
export class RequestError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

function bridge(): DesksideBridge {
  const b = window.deskside;
  if (b === undefined) throw new Error('Deskside bridge missing: this page runs only inside the Deskside app');
  return b;
}

export async function request<C extends keyof IpcResults>(channel: C, ...args: IpcArgs<C>): Promise<IpcResults[C]> {
  try {
    return await bridge().invoke(channel, ...args);
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const decoded = decodeIpcError(raw);
    throw decoded ? new RequestError(decoded.code, decoded.message) : new RequestError('internal', raw);
  }
}

export function subscribe<E extends keyof IpcEvents>(event: E, listener: (payload: IpcEvents[E]) => void): () => void {
  return bridge().on(event, listener);
}
