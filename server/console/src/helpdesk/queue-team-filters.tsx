import { TICKET_DUE_FILTERS } from '@deskside/shared';
import { useTranslation } from 'react-i18next';

import { Field } from '../components/field.js';
import type { QueueDue, QueueFilters } from '../pages/queue-filters.js';
import { useTeams } from './use-teams.js';

/** The queue's team view (one team, my teams, no team) and due filter (overdue, due soon, breached). */
export function QueueTeamFilters({ filters, onChange }: { readonly filters: QueueFilters; readonly onChange: (patch: Partial<QueueFilters>) => void }) {
  const { t } = useTranslation();
  const teams = useTeams();
  return (
    <>
      <Field label={t('teams.team')}>
        <select value={filters.team} onChange={(e) => onChange({ team: e.target.value })}>
          <option value="">{t('common.all')}</option>
          <option value="mine">{t('teams.myTeams')}</option>
          <option value="none">{t('teams.noTeam')}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('sla.due')}>
        <select value={filters.due} onChange={(e) => onChange({ due: e.target.value as QueueDue })}>
          <option value="">{t('common.all')}</option>
          {TICKET_DUE_FILTERS.map((d) => (
            <option key={d} value={d}>
              {t(`sla.filter.${d}`)}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
