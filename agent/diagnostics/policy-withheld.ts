import type { Category, DiagnosticItemId } from '@deskside/shared';

import type { AgentSettings } from '../config/settings-schema.js';

/** The inventory category whose privacy switch also governs a diagnostic item: the same data, gathered at ticket time. */
const ITEM_CATEGORY: Partial<Readonly<Record<DiagnosticItemId, Category>>> = {
  network: 'network',
  disks: 'storage',
};

/**
 * Items the organisation's policy turns off: the item of a disabled inventory category, the running
 * programs unless `runningProgramsAllowed`, recent errors unless `recentErrorsAllowed`. They are never
 * run; the ticket names them so the technician knows why they are missing.
 */
export function withheldByPolicy(settings: Pick<AgentSettings, 'disabledCategories' | 'runningProgramsAllowed' | 'recentErrorsAllowed'>): DiagnosticItemId[] {
  const off = new Set<DiagnosticItemId>();
  for (const [item, category] of Object.entries(ITEM_CATEGORY) as [DiagnosticItemId, Category][]) if (settings.disabledCategories.includes(category)) off.add(item);
  if (!settings.runningProgramsAllowed) off.add('processes');
  if (!settings.recentErrorsAllowed) off.add('recent-errors');
  return [...off];
}
