import { useCallback, useEffect, useRef, useState } from 'react';

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

/**
 * Loads data for a view. Changing `key` starts over (loading state); polling and reloads keep the old data
 * on screen, so a list never flashes empty. Out-of-order answers are dropped by the request counter.
 */
export function useResource<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
  options: ResourceOptions = {},
): Resource<T> & ResourceControls {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading', data: undefined, error: undefined });
  const [refreshing, setRefreshing] = useState(false);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const requestId = useRef(0);
  const lastKey = useRef<string | null>(null);

  useEffect(() => {
    const id = ++requestId.current;
    const controller = new AbortController();
    const fresh = lastKey.current !== key;
    lastKey.current = key;
    if (fresh) setResource({ state: 'loading', data: undefined, error: undefined });
    else setRefreshing(true);
    loadRef.current(controller.signal).then(
      (data) => {
        if (id !== requestId.current) return;
        setResource({ state: 'ready', data, error: undefined });
        setRefreshing(false);
      },
      (error: unknown) => {
        if (id !== requestId.current || controller.signal.aborted) return;
        setResource((prev) => ({ state: 'error', data: fresh ? undefined : prev.data, error }));
        setRefreshing(false);
      },
    );
    return () => controller.abort();
  }, [key, tick]);

  const pollMs = options.pollMs;
  useEffect(() => {
    if (pollMs === undefined) return;
    const timer = setInterval(() => {
      if (typeof document === 'undefined' || document.visibilityState !== 'hidden') setTick((t) => t + 1);
    }, pollMs);
    return () => clearInterval(timer);
  }, [pollMs]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...resource, reload, refreshing };
}
