import { TICKET_DUE_FILTERS } from '@deskside/shared';
import { useTranslation } from 'react-i18next';

import { Field } from '../components/field.js';
import type { QueueDue, QueueFilters } from '../pages/queue-filters.js';
import { useTeams } from './use-teams.js';

/** One click to the views a technician lives in; a second click leaves it. */
const QUICK_VIEWS: readonly { key: 'mine' | 'myTeams' | 'overdue'; isActive: (f: QueueFilters) => boolean; on: Partial<QueueFilters>; off: Partial<QueueFilters> }[] = [
  { key: 'mine', isActive: (f) => f.assignee === 'me', on: { assignee: 'me' }, off: { assignee: '' } },
  { key: 'myTeams', isActive: (f) => f.team === 'mine', on: { team: 'mine' }, off: { team: '' } },
  { key: 'overdue', isActive: (f) => f.due === 'overdue', on: { due: 'overdue', sort: 'due', order: 'desc' }, off: { due: '' } },
];

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
      <div className="field" role="group" aria-label={t('teams.views')}>
        {t('teams.views')}
        <div className="row">
          {QUICK_VIEWS.map((view) => {
            const active = view.isActive(filters);
            return (
              <button key={view.key} type="button" className="btn btn-small" aria-pressed={active} onClick={() => onChange(active ? view.off : view.on)}>
                {t(`teams.view.${view.key}`)}
              </button>
            );
          })}
        </div>
      </div>
    </>
  );
}
