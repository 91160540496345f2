import { STARTER_TEAM_KEYS, TICKET_CATEGORIES, type Routing, type SlaPolicy, type Team, type Technician, type TicketCategory } from '@deskside/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Field } from '../components/field.js';
import { ErrorState, Loading, describeError } from '../components/states.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';

/** Runs an admin change, shows its error, and reloads what it changed. */
function useAction(onDone: () => void) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onDone();
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };
  const errorLine =
    error === null ? null : (
      <div className="inline-error" role="alert">
        {error}
      </div>
    );
  return { busy, run, errorLine };
}

function CreateTeam({ teams, onCreated }: { readonly teams: readonly Team[]; readonly onCreated: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [name, setName] = useState('');
  const { busy, run, errorLine } = useAction(onCreated);
  const missingStarters = STARTER_TEAM_KEYS.map((key) => t(`teams.starter.${key}`)).filter((n) => !teams.some((team) => team.name.toLowerCase() === n.toLowerCase()));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await client.helpdesk.createTeam({ name: name.trim() });
      setName('');
    });
  };
  return (
    <>
      <form className="filters" onSubmit={submit} aria-label={t('teams.add')}>
        <Field label={t('teams.name')}>
          <input type="text" required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <button type="submit" className="btn btn-primary" disabled={busy || name.trim() === ''}>
          {t('teams.add')}
        </button>
        {missingStarters.length > 0 && (
          <button
            type="button"
            className="btn"
            disabled={busy}
            title={missingStarters.join(', ')}
            onClick={() => void run(async () => {
              for (const starter of missingStarters) await client.helpdesk.createTeam({ name: starter });
            })}
          >
            {t('teams.addStarters', { names: missingStarters.join(', ') })}
          </button>
        )}
      </form>
      {errorLine}
    </>
  );
}

function TeamRow({ team, technicians, policies, onChanged }: { readonly team: Team; readonly technicians: readonly Technician[]; readonly policies: readonly SlaPolicy[]; readonly onChanged: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [name, setName] = useState(team.name);
  const { busy, run, errorLine } = useAction(onChanged);
  // Ticked at once; put back to the server's list if saving fails.
  const [memberIds, setMemberIds] = useState<ReadonlySet<string>>(() => new Set(team.members.map((m) => m.id)));
  const toggle = (id: string) => {
    const next = memberIds.has(id) ? [...memberIds].filter((m) => m !== id) : [...memberIds, id];
    setMemberIds(new Set(next));
    void run(async () => {
      try {
        await client.helpdesk.setTeamMembers(team.id, next);
      } catch (err) {
        setMemberIds(new Set(team.members.map((m) => m.id)));
        throw err;
      }
    });
  };
  return (
    <tr>
      <td>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => client.helpdesk.updateTeam(team.id, { name: name.trim() }));
          }}
        >
          <input type="text" aria-label={t('teams.nameOf', { name: team.name })} maxLength={80} required value={name} onChange={(e) => setName(e.target.value)} />
          {name.trim() !== team.name && (
            <button type="submit" className="btn btn-small" disabled={busy || name.trim() === ''}>
              {t('teams.rename')}
            </button>
          )}
        </form>
        {errorLine}
      </td>
      <td>
        <details>
          <summary>{team.members.length === 0 ? t('teams.noMembers') : team.members.map((m) => m.displayName).join(', ')}</summary>
          <fieldset style={{ border: 'none', padding: 0 }}>
            <legend className="visually-hidden">{t('teams.membersOf', { name: team.name })}</legend>
            {technicians.map((tech) => (
              <label key={tech.id} className="row small">
                <input type="checkbox" checked={memberIds.has(tech.id)} disabled={busy || (tech.disabled && !memberIds.has(tech.id))} onChange={() => toggle(tech.id)} />
                {tech.displayName}
              </label>
            ))}
          </fieldset>
        </details>
      </td>
      <td>
        <select
          aria-label={t('teams.policyOf', { name: team.name })}
          value={team.slaPolicyId ?? ''}
          disabled={busy}
          onChange={(e) => void run(() => client.helpdesk.updateTeam(team.id, { slaPolicyId: e.target.value === '' ? null : e.target.value }))}
        >
          <option value="">{t('teams.defaultPolicy')}</option>
          {policies.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </td>
      <td>
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => void run(() => client.helpdesk.deleteTeam(team.id))}>
          {t('teams.delete')}
        </button>
      </td>
    </tr>
  );
}

/** Category → team, and the team every other new ticket goes to. Saved as a whole. */
function RoutingEditor({ routing, teams, onSaved }: { readonly routing: Routing; readonly teams: readonly Team[]; readonly onSaved: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [draft, setDraft] = useState<Routing>(routing);
  const { busy, run, errorLine } = useAction(onSaved);
  const ruleFor = (c: TicketCategory) => draft.rules.find((r) => r.category === c)?.teamId ?? '';
  const setRule = (c: TicketCategory, teamId: string) =>
    setDraft((d) => ({ ...d, rules: [...d.rules.filter((r) => r.category !== c), ...(teamId === '' ? [] : [{ category: c, teamId }])] }));
  const teamOptions = teams.map((team) => (
    <option key={team.id} value={team.id}>
      {team.name}
    </option>
  ));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => client.helpdesk.saveRouting(draft));
      }}
      aria-labelledby="routing-title"
    >
      <h3 id="routing-title">{t('teams.routing')}</h3>
      <p className="small muted">{t('teams.routingHelp')}</p>
      <div className="filters">
        <Field label={t('teams.defaultTeam')}>
          <select value={draft.defaultTeamId ?? ''} onChange={(e) => setDraft((d) => ({ ...d, defaultTeamId: e.target.value === '' ? null : e.target.value }))}>
            <option value="">{t('teams.noTeam')}</option>
            {teamOptions}
          </select>
        </Field>
        {TICKET_CATEGORIES.map((c) => (
          <Field key={c} label={t(`category.${c}`)}>
            <select value={ruleFor(c)} onChange={(e) => setRule(c, e.target.value)}>
              <option value="">{t('teams.useDefault')}</option>
              {teamOptions}
            </select>
          </Field>
        ))}
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {t('teams.saveRouting')}
      </button>
      {errorLine}
    </form>
  );
}

/** Teams, their members and service-level policy, and the routing of new tickets. */
export function TeamsPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const data = useResource('admin:teams', async (signal) => {
    const [teams, technicians, policies, routing] = await Promise.all([
      client.helpdesk.teams(signal),
      client.technicians(signal),
      client.helpdesk.slaPolicies(signal),
      client.helpdesk.routing(signal),
    ]);
    return { teams: teams.items, technicians: technicians.items, policies: policies.items, routing };
  });
  if (data.state === 'loading') return <Loading />;
  if (data.data === undefined) return <ErrorState error={data.error} onRetry={data.reload} />;
  const { teams, technicians, policies, routing } = data.data;
  return (
    <section className="panel" aria-labelledby="teams-title">
      <h2 id="teams-title">{t('teams.title')}</h2>
      <CreateTeam teams={teams} onCreated={data.reload} />
      {teams.length === 0 ? (
        <p className="muted">{t('teams.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data" aria-label={t('teams.title')}>
            <thead>
              <tr>
                <th>{t('teams.name')}</th>
                <th>{t('teams.members')}</th>
                <th>{t('sla.policy')}</th>
                <th>
                  <span className="visually-hidden">{t('teams.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {teams.map((team) => (
                <TeamRow key={`${team.id}:${team.name}`} team={team} technicians={technicians} policies={policies} onChanged={data.reload} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {teams.length > 0 && <RoutingEditor key={JSON.stringify(routing)} routing={routing} teams={teams} onSaved={data.reload} />}
    </section>
  );
}
