import { useMemo } from 'react';

import { KbClient } from '../api/kb-client.js';
import { useClient } from '../session/session-context.js';

/** The knowledge-base calls over the session's own HTTP client (same cookie, same error handling). */
export function useKbClient(): KbClient {
  const client = useClient();
  return useMemo(() => new KbClient(client.http), [client]);
}
