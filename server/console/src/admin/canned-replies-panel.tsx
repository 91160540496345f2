import { CANNED_REPLY_PLACEHOLDERS, type CannedReply, type Team } from '@deskside/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Field } from '../components/field.js';
import { ErrorState, Loading, describeError } from '../components/states.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';

interface Draft {
  readonly teamId: string;
  readonly title: string;
  readonly en: string;
  readonly zh: string;
}

const draftOf = (r: CannedReply | null): Draft => ({ teamId: r?.teamId ?? '', title: r?.title ?? '', en: r?.bodies.en ?? '', zh: r?.bodies['zh-CN'] ?? '' });

function ReplyEditor({ reply, teams, onSaved, onCancel }: { readonly reply: CannedReply | null; readonly teams: readonly Team[]; readonly onSaved: () => void; readonly onCancel: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [draft, setDraft] = useState<Draft>(draftOf(reply));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = { teamId: draft.teamId === '' ? null : draft.teamId, title: draft.title.trim(), bodies: { en: draft.en, 'zh-CN': draft.zh } };
    try {
      if (reply === null) await client.helpdesk.createCannedReply(body);
      else await client.helpdesk.updateCannedReply(reply.id, body);
      onSaved();
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} style={{ display: 'grid', gap: 8 }} aria-label={reply === null ? t('canned.add') : reply.title}>
      <div className="filters">
        <Field label={t('canned.titleLabel')}>
          <input type="text" required maxLength={120} value={draft.title} onChange={(e) => set({ title: e.target.value })} />
        </Field>
        <Field label={t('canned.team')}>
          <select value={draft.teamId} onChange={(e) => set({ teamId: e.target.value })}>
            <option value="">{t('canned.allTeams')}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label={t('canned.bodyEn')}>
        <textarea rows={4} lang="en" maxLength={20_000} value={draft.en} onChange={(e) => set({ en: e.target.value })} />
      </Field>
      <Field label={t('canned.bodyZh')}>
        <textarea rows={4} lang="zh-CN" maxLength={20_000} value={draft.zh} onChange={(e) => set({ zh: e.target.value })} />
      </Field>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy || draft.title.trim() === '' || (draft.en.trim() === '' && draft.zh.trim() === '')}>
          {t('canned.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
      {error !== null && (
        <div className="inline-error" role="alert">
          {error}
        </div>
      )}
    </form>
  );
}

/** Canned replies per team or for every team, in English and Simplified Chinese. */
export function CannedRepliesPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const data = useResource('admin:canned', async (signal) => {
    const [replies, teams] = await Promise.all([client.helpdesk.cannedReplies(undefined, signal), client.helpdesk.teams(signal)]);
    return { replies: replies.items, teams: teams.items };
  });
  const [editing, setEditing] = useState<CannedReply | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (data.state === 'loading') return <Loading />;
  if (data.data === undefined) return <ErrorState error={data.error} onRetry={data.reload} />;
  const { replies, teams } = data.data;
  const teamName = (id: string | null) => (id === null ? t('canned.allTeams') : (teams.find((x) => x.id === id)?.name ?? '—'));
  const done = () => {
    setEditing(null);
    data.reload();
  };
  const remove = async (r: CannedReply) => {
    setError(null);
    try {
      await client.helpdesk.deleteCannedReply(r.id);
      data.reload();
    } catch (err) {
      setError(describeError(err, t));
    }
  };
  return (
    <section className="panel" aria-labelledby="canned-title">
      <h2 id="canned-title">{t('canned.title')}</h2>
      <p className="small muted">{t('canned.help', { placeholders: CANNED_REPLY_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', '), interpolation: { escapeValue: false } })}</p>
      {replies.length === 0 ? (
        <p className="muted">{t('canned.none')}</p>
      ) : (
        <ul>
          {replies.map((r) => (
            <li key={r.id} className="row">
              <strong>{r.title}</strong> <span className="muted small">{teamName(r.teamId)}</span>
              <button type="button" className="btn btn-small" onClick={() => setEditing(r)}>
                {t('canned.edit')}
              </button>
              <button type="button" className="btn btn-small" onClick={() => void remove(r)}>
                {t('canned.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error !== null && (
        <div className="inline-error" role="alert">
          {error}
        </div>
      )}
      {editing === null ? (
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          {t('canned.add')}
        </button>
      ) : (
        <ReplyEditor key={editing === 'new' ? 'new' : editing.id} reply={editing === 'new' ? null : editing} teams={teams} onSaved={done} onCancel={() => setEditing(null)} />
      )}
    </section>
  );
}
