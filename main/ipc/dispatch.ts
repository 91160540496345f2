import {
  IPC_REQUEST_ARGS,
  IPC_REQUEST_CHANNELS,
  encodeIpcError,
  type IpcArgs,
  type IpcErrorCode,
  type IpcRequestChannel,
  type IpcResults,
} from '@deskside/shared';

/** One implementation per request channel; the record type makes a missing handler a compile error. */
export type RequestHandlers = {
  readonly [C in IpcRequestChannel]: (context: RequestContext, ...args: IpcArgs<C>) => Promise<IpcResults[C]>;
};

/** Who asked: the window's WebContents id, so "close" closes the asking window. */
export interface RequestContext {
  readonly webContentsId: number;
}

/** An error a handler throws on purpose: its code and message reach the renderer as they are. */
export class IpcRequestError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IpcRequestError';
  }
}

export interface DispatchLog {
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

export type Dispatch = (channel: string, args: readonly unknown[], context: RequestContext) => Promise<unknown>;

/**
 * Validates a request from the renderer and runs its handler. Electron-free so the same path serves
 * ipcMain in the app and the browser harness in end-to-end tests. Unknown channels and malformed
 * arguments are refused before any handler runs; unexpected failures reach the renderer as a generic
 * message (details go to the log only).
 */
export function createDispatch(handlers: RequestHandlers, log: DispatchLog): Dispatch {
  const known = new Set<string>(IPC_REQUEST_CHANNELS);
  return async (channel, args, context) => {
    if (!known.has(channel)) throw new Error(encodeIpcError('invalid-request', `unknown channel "${channel}"`));
    const c = channel as IpcRequestChannel;
    const parsed = IPC_REQUEST_ARGS[c].safeParse(args);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
      throw new Error(encodeIpcError('invalid-request', `${first?.message ?? 'invalid arguments'}${where}`));
    }
    const handler = handlers[c] as (context: RequestContext, ...a: readonly unknown[]) => Promise<unknown>;
    try {
      return await handler(context, ...(parsed.data as readonly unknown[]));
    } catch (error) {
      if (error instanceof IpcRequestError) throw new Error(encodeIpcError(error.code, error.message), { cause: error });
      log.error('IPC handler failed', { channel, error: error instanceof Error ? error.message : String(error) });
      throw new Error(encodeIpcError('internal', 'Something went wrong in Deskside. The details are in its log.'), { cause: error });
    }
  };
}
