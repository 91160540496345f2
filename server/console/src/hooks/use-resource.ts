import { useCallback, useContext, useEffect, useRef, useState } from 'react';

import { SessionGenerationContext } from '../session/session-context.js';

export type Resource<T> =
  | { readonly state: 'loading'; readonly data: undefined; readonly error: undefined }
  | { readonly state: 'error'; readonly data: T | undefined; readonly error: unknown }
  | { readonly state: 'ready'; readonly data: T; readonly error: undefined };

export interface ResourceControls {
  /** Fetch again; the current data stays on screen until the new data arrives. */
  readonly reload: () => void;
  /** True while a background refresh (poll or reload) is in flight. */
  readonly refreshing: boolean;
}

export interface ResourceOptions {
  /** Refresh in the background every this many milliseconds while the tab is visible. */
  readonly pollMs?: number;
}

const LOADING = { state: 'loading', data: undefined, error: undefined } as const;

/**
 * Loads data for a view. Changing `key` starts over (loading state); polling and reloads keep the old data
 * on screen, so a list never flashes empty. Out-of-order answers are dropped by the request counter.
 */
export function useResource<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
  options: ResourceOptions = {},
): Resource<T> & ResourceControls {
  // Each answer remembers the key it was loaded for, so data for the previous filters is never shown
  // (or reasoned about) as if it were for the current ones.
  const [stored, setStored] = useState<{ key: string; resource: Resource<T> }>({ key, resource: LOADING });
  const [refreshing, setRefreshing] = useState(false);
  const [tick, setTick] = useState(0);
  const generation = useContext(SessionGenerationContext);
  const loadRef = useRef(load);
  loadRef.current = load;
  const requestId = useRef(0);
  const lastKey = useRef<string | null>(null);

  useEffect(() => {
    const id = ++requestId.current;
    const controller = new AbortController();
    const fresh = lastKey.current !== key;
    lastKey.current = key;
    if (fresh) setStored({ key, resource: LOADING });
    else setRefreshing(true);
    loadRef.current(controller.signal).then(
      (data) => {
        if (id !== requestId.current) return;
        setStored({ key, resource: { state: 'ready', data, error: undefined } });
        setRefreshing(false);
      },
      (error: unknown) => {
        if (id !== requestId.current || controller.signal.aborted) return;
        setStored((prev) => ({ key, resource: { state: 'error', data: fresh || prev.key !== key ? undefined : prev.resource.data, error } }));
        setRefreshing(false);
      },
    );
    return () => controller.abort();
  }, [key, tick, generation]);

  const pollMs = options.pollMs;
  useEffect(() => {
    if (pollMs === undefined) return;
    const timer = setInterval(() => {
      if (typeof document === 'undefined' || document.visibilityState !== 'hidden') setTick((t) => t + 1);
    }, pollMs);
    return () => clearInterval(timer);
  }, [pollMs]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const resource: Resource<T> = stored.key === key ? stored.resource : LOADING;
  return { ...resource, reload, refreshing };
}
