import type { IpcResults } from '@deskside/shared';
import { useCallback, useEffect, useState } from 'react';


import { request } from './bridge';

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; message: string };

/** Loads a no-argument request when the view mounts; `reload` asks again. */
export function useRequest<C extends { [K in keyof IpcResults]: K }[keyof IpcResults]>(
  channel: C,
): [Loadable<IpcResults[C]>, () => Promise<void>, (v: IpcResults[C]) => void] {
  const [value, setValue] = useState<Loadable<IpcResults[C]>>({ state: 'loading' });
  const reload = useCallback(async () => {
    try {
      const v = await (request as (c: C) => Promise<IpcResults[C]>)(channel);
      setValue({ state: 'ready', value: v });
    } catch (error) {
      setValue({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }, [channel]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const set = useCallback((v: IpcResults[C]) => setValue({ state: 'ready', value: v }), []);
  return [value, reload, set];
}
