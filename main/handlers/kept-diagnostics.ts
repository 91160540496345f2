import type { Diagnostics } from '@deskside/shared';

/** The diagnostics as they will travel: kept items only, unticked ones named so the technician knows. */
export function keptDiagnostics(diagnostics: Diagnostics, keep: readonly string[]): Diagnostics {
  const kept = new Set(keep);
  return {
    ...diagnostics,
    items: diagnostics.items.filter((i) => kept.has(i.id)),
    omitted: [...new Set([...diagnostics.omitted, ...diagnostics.items.filter((i) => !kept.has(i.id)).map((i) => i.id)])],
  };
}
