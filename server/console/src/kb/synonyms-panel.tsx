import type { SynonymGroup } from '@deskside/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { DateText } from '../components/date-text.js';
import { describeError, EmptyState, ErrorState, Loading } from '../components/states.js';
import { useResource } from '../hooks/use-resource.js';
import { useKbClient } from './kb-client-hook.js';

/** "wifi, wireless, 无线" → the group's words; commas of either width separate them. */
const termsOf = (text: string) =>
  text
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

function SynonymRow({ group, onChanged }: { readonly group: SynonymGroup; readonly onChanged: () => void }) {
  const { t } = useTranslation();
  const kb = useKbClient();
  const [text, setText] = useState(group.terms.join(', '));
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      onChanged();
    } catch (err) {
      setError(describeError(err, t));
    }
  };
  return (
    <li>
      <div className="row">
        <input aria-label={t('kb.synonymWords')} value={text} onChange={(e) => setText(e.target.value)} className="grow" />
        <button type="button" className="btn" disabled={text === group.terms.join(', ')} onClick={() => void run(() => kb.updateSynonyms(group.id, termsOf(text)))}>
          {t('common.save')}
        </button>
        <button type="button" className="btn" onClick={() => void run(() => kb.deleteSynonyms(group.id))}>
          {t('kb.delete')}
        </button>
      </div>
      <div className="small muted">
        <DateText iso={group.updatedAt} /> <span className="user-text">{group.updatedBy}</span>
      </div>
      {error !== null && (
        <div className="inline-error" role="alert">
          {error}
        </div>
      )}
    </li>
  );
}

/** Synonym groups technicians define; search treats the words of a group as one. */
export function SynonymsPanel() {
  const { t } = useTranslation();
  const kb = useKbClient();
  const res = useResource('kb:synonyms', (signal) => kb.synonyms(signal));
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await kb.createSynonyms(termsOf(text));
      setText('');
      res.reload();
    } catch (err) {
      setError(describeError(err, t));
    }
  };
  return (
    <section className="panel" aria-labelledby="synonyms-title">
      <h2 id="synonyms-title">{t('kb.synonymsTitle')}</h2>
      <p className="small muted">{t('kb.synonymsHelp')}</p>
      <form className="row" onSubmit={(e) => void add(e)}>
        <input aria-label={t('kb.newSynonyms')} placeholder="wifi, wireless, 无线" value={text} onChange={(e) => setText(e.target.value)} className="grow" />
        <button type="submit" className="btn btn-primary" disabled={termsOf(text).length < 2}>
          {t('kb.addSynonyms')}
        </button>
      </form>
      {error !== null && (
        <div className="inline-error" role="alert">
          {error}
        </div>
      )}
      {res.state === 'loading' ? (
        <Loading />
      ) : res.data === undefined ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : res.data.items.length === 0 ? (
        <EmptyState>{t('kb.noSynonyms')}</EmptyState>
      ) : (
        <ul className="plain-list">
          {res.data.items.map((g) => (
            <SynonymRow key={`${g.id}:${g.updatedAt}`} group={g} onChanged={res.reload} />
          ))}
        </ul>
      )}
    </section>
  );
}
