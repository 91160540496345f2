import type { TechnicianRef } from '@deskside/shared';
import { useEffect, useState } from 'react';

import { useClient } from '../session/session-context.js';

/**
 * Technicians to assign tickets to. The list route may be admin-only; a technician then still gets
 * "me" and "unassigned", which is what they assign most.
 */
export function useTechnicianOptions(): readonly TechnicianRef[] {
  const client = useClient();
  const [options, setOptions] = useState<readonly TechnicianRef[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    client.technicians(controller.signal).then(
      (list) => setOptions(list.items.filter((tech) => !tech.disabled).map((tech) => ({ id: tech.id, displayName: tech.displayName }))),
      () => setOptions([]),
    );
    return () => controller.abort();
  }, [client]);
  return options;
}
