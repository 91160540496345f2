import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { EmptyState } from './states.js';

/**
 * An empty list that says what to do next: with filters set, that nothing matches and a way to clear
 * them; without, what a new installation needs (`firstSteps`) rather than "no match".
 */
export function EmptyList({ filtered, onClear, noMatch, firstSteps }: { readonly filtered: boolean; readonly onClear: () => void; readonly noMatch: string; readonly firstSteps: ReactNode }) {
  const { t } = useTranslation();
  if (!filtered) return <EmptyState>{firstSteps}</EmptyState>;
  return (
    <EmptyState>
      <span>{noMatch}</span>{' '}
      <button type="button" className="btn" onClick={onClear}>
        {t('common.clearFilters')}
      </button>
    </EmptyState>
  );
}
