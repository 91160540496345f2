import type { Team } from '@deskside/shared';
import { useEffect, useState } from 'react';

import { useClient } from '../session/session-context.js';

/** The installation's teams (for filters, transfers, canned replies); empty until loaded or on failure. */
export function useTeams(): readonly Team[] {
  const client = useClient();
  const [teams, setTeams] = useState<readonly Team[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    client.helpdesk.teams(controller.signal).then(
      (list) => setTeams(list.items),
      () => setTeams([]),
    );
    return () => controller.abort();
  }, [client]);
  return teams;
}
