import type { MeResponse, Technician } from '@deskside/shared';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

import { isApiRequestError } from '../api/api-error.js';
import type { ConsoleClient } from '../api/console-client.js';

export type SessionState =
  | { readonly kind: 'checking' }
  | { readonly kind: 'signed-out'; readonly reason: 'none' | 'expired' | 'signed-out' | 'unreachable' }
  | { readonly kind: 'signed-in'; readonly me: MeResponse }
  /** The session ended while working: the pages stay mounted (drafts kept) behind the sign-in form. */
  | { readonly kind: 'expired'; readonly me: MeResponse };

interface SessionValue {
  readonly state: SessionState;
  readonly client: ConsoleClient;
  readonly signIn: (username: string, password: string) => Promise<void>;
  readonly signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Goes up at every sign-in, so views that failed while the session was gone load again at once. */
export const SessionGenerationContext = createContext(0);

/**
 * Holds who is signed in. Any 401 from any call means the session ended (expired, revoked, signed out
 * elsewhere): the console lays the sign-in form over the page, keeping the URL and whatever the technician
 * was typing, and carries on from there once signed in again.
 */
export function SessionProvider({ client, children }: { readonly client: ConsoleClient; readonly children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ kind: 'checking' });
  const [generation, setGeneration] = useState(0);
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    const controller = new AbortController();
    client.me(controller.signal).then(
      (me) => setState({ kind: 'signed-in', me }),
      (err: unknown) => {
        if (controller.signal.aborted) return;
        // 401 is the normal "not signed in"; anything else still lands on the form, which can retry.
        setState({ kind: 'signed-out', reason: isApiRequestError(err) && err.status !== 401 ? 'unreachable' : 'none' });
      },
    );
    return () => controller.abort();
  }, [client]);

  useEffect(
    () =>
      client.http.onUnauthorized(() => {
        const current = stateRef.current;
        if (current.kind === 'signed-in') setState({ kind: 'expired', me: current.me });
      }),
    [client],
  );

  // Ask the server again when the session should have ended: it may have been extended by activity.
  const expiresAt = state.kind === 'signed-in' ? state.me.sessionExpiresAt : null;
  useEffect(() => {
    if (expiresAt === null) return;
    const ms = Math.min(Math.max(new Date(expiresAt).getTime() - Date.now() + 1000, 1000), 2 ** 31 - 1);
    const timer = setTimeout(() => {
      client.me().then(
        (me) => setState({ kind: 'signed-in', me }),
        () => {
          /* the 401 listener switches to the sign-in form */
        },
      );
    }, ms);
    return () => clearTimeout(timer);
  }, [client, expiresAt]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const me = await client.login({ username, password });
      setState({ kind: 'signed-in', me });
      setGeneration((g) => g + 1);
    },
    [client],
  );

  const signOut = useCallback(async () => {
    try {
      await client.logout();
    } finally {
      setState({ kind: 'signed-out', reason: 'signed-out' });
    }
  }, [client]);

  const value = useMemo(() => ({ state, client, signIn, signOut }), [state, client, signIn, signOut]);
  return (
    <SessionContext.Provider value={value}>
      <SessionGenerationContext.Provider value={generation}>{children}</SessionGenerationContext.Provider>
    </SessionContext.Provider>
  );
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession outside SessionProvider');
  return value;
}

export function useClient(): ConsoleClient {
  return useSession().client;
}

/** The signed-in technician; only valid under the signed-in part of the tree. */
export function useTechnician(): Technician {
  const { state } = useSession();
  if (state.kind !== 'signed-in' && state.kind !== 'expired') throw new Error('useTechnician without a session');
  return state.me.technician;
}
