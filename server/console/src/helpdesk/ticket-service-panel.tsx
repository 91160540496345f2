import type { SlaTargetClock, TicketDetail } from '@deskside/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { DateText } from '../components/date-text.js';
import { Field } from '../components/field.js';
import { describeError } from '../components/states.js';
import { useClient } from '../session/session-context.js';
import { TONE_CLASS, targetTone } from './sla-status.js';
import { useTeams } from './use-teams.js';

function TargetRow({ label, clock, now }: { readonly label: string; readonly clock: SlaTargetClock; readonly now: number }) {
  const { t } = useTranslation();
  const tone = targetTone(clock, now);
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <DateText iso={clock.dueAt} /> <span className={`badge ${TONE_CLASS[tone]}`}>{t(`sla.tone.${tone}`)}</span>
        {clock.reachedAt !== null && (
          <div className="small muted">
            {t('sla.reachedAt')} <DateText iso={clock.reachedAt} />
          </div>
        )}
      </dd>
    </>
  );
}

/** Escalation: another team, a reason (required), optionally one of its members. */
function TransferForm({ detail, onDone }: { readonly detail: TicketDetail; readonly onDone: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const teams = useTeams().filter((team) => team.id !== detail.ticket.team?.id);
  const [teamId, setTeamId] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const target = teams.find((team) => team.id === teamId);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (teamId === '' || note.trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      await client.helpdesk.transfer(detail.ticket.id, { teamId, note, ...(assigneeId !== '' ? { assigneeId } : {}) });
      setNote('');
      setTeamId('');
      setAssigneeId('');
      onDone();
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  if (teams.length === 0) return <p className="small muted">{t('teams.noOtherTeam')}</p>;
  return (
    <form onSubmit={(e) => void submit(e)} style={{ display: 'grid', gap: 8 }} aria-label={t('teams.transfer')}>
      <Field label={t('teams.transferTo')}>
        <select value={teamId} onChange={(e) => { setTeamId(e.target.value); setAssigneeId(''); }}>
          <option value="">{t('teams.chooseTeam')}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </Field>
      {target !== undefined && target.members.length > 0 && (
        <Field label={t('teams.transferAssignee')}>
          <select value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
            <option value="">{t('queue.unassigned')}</option>
            {target.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.displayName}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field label={t('teams.transferNote')}>
        <textarea value={note} required maxLength={20_000} rows={3} placeholder={t('teams.transferNotePlaceholder')} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <button type="submit" className="btn" disabled={busy || teamId === '' || note.trim() === ''}>
        {t('teams.transfer')}
      </button>
      {error !== null && (
        <div className="inline-error" role="alert">
          {error}
        </div>
      )}
    </form>
  );
}

/**
 * The ticket's team, its service-level clocks and its way between teams: one side panel, placed
 * wherever the ticket page puts its side column.
 */
export function TicketServicePanel({ detail, onChanged, now = Date.now() }: { readonly detail: TicketDetail; readonly onChanged: () => void; readonly now?: number }) {
  const { t } = useTranslation();
  const sla = detail.ticket.sla;
  return (
    <section className="panel" aria-labelledby="service-title">
      <h2 id="service-title">{t('sla.panelTitle')}</h2>
      <dl className="kv">
        <dt>{t('teams.team')}</dt>
        <dd>{detail.ticket.team?.name ?? <span className="muted">{t('teams.noTeam')}</span>}</dd>
        {sla === null ? (
          <>
            <dt>{t('sla.policy')}</dt>
            <dd className="muted">{t('sla.none')}</dd>
          </>
        ) : (
          <>
            <dt>{t('sla.policy')}</dt>
            <dd>{sla.policy.name}</dd>
            <TargetRow label={t('sla.firstResponseDue')} clock={sla.firstResponse} now={now} />
            <TargetRow label={t('sla.resolutionDue')} clock={sla.resolution} now={now} />
          </>
        )}
      </dl>
      <hr style={{ border: 'none', borderTop: '1px solid var(--line)', margin: '12px 0' }} />
      <TransferForm detail={detail} onDone={onChanged} />
      {detail.teamHistory.length > 0 && (
        <>
          <h3 className="small">{t('teams.history')}</h3>
          <ol className="timeline small">
            {detail.teamHistory.map((change, i) => (
              <li key={`${change.at}-${i}`}>
                <span className="muted">
                  <DateText iso={change.at} />
                </span>{' '}
                {change.kind === 'routed'
                  ? t('teams.routedTo', { team: change.to?.name ?? t('teams.deletedTeam') })
                  : t('teams.transferredBy', { from: change.from?.name ?? t('teams.noTeam'), to: change.to?.name ?? t('teams.deletedTeam'), by: change.by ?? '' })}
                {change.note !== null && <div className="user-text">{change.note}</div>}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
