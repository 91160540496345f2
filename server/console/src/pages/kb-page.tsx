import { ARTICLE_STATUSES, ARTICLE_VISIBILITIES, type ArticleStatus, type ArticleVisibility } from '@deskside/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { DateText } from '../components/date-text.js';
import { Field } from '../components/field.js';
import { Pagination } from '../components/pagination.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { TabPanel, Tabs } from '../components/tabs.js';
import { useDebounced } from '../hooks/use-debounced.js';
import { useResource } from '../hooks/use-resource.js';
import { preferredText } from '../kb/article-title.js';
import { useKbClient } from '../kb/kb-client-hook.js';
import { KbReportPanel } from '../kb/kb-report-panel.js';
import { SynonymsPanel } from '../kb/synonyms-panel.js';

const PAGE_SIZE = 25;
type KbTab = 'articles' | 'synonyms' | 'report';

function ArticleList() {
  const { t, i18n } = useTranslation();
  const kb = useKbClient();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [status, setStatus] = useState<ArticleStatus | ''>('');
  const [visibility, setVisibility] = useState<ArticleVisibility | ''>('');
  const [category, setCategory] = useState('');
  const [page, setPage] = useState(1);
  const query = { q: q || undefined, status: status || undefined, visibility: visibility || undefined, category: category || undefined, page, pageSize: PAGE_SIZE };
  const res = useResource(`kb:${JSON.stringify(query)}`, (signal) => kb.articles(query, signal));

  return (
    <>
      <div className="filters" role="search">
        <Field label={t('kb.search')} className="grow">
          <input type="search" value={text} placeholder={t('kb.searchPlaceholder')} onChange={(e) => (setText(e.target.value), setPage(1))} />
        </Field>
        <Field label={t('kb.status')}>
          <select value={status} onChange={(e) => (setStatus(e.target.value as ArticleStatus | ''), setPage(1))}>
            <option value="">{t('common.all')}</option>
            {ARTICLE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`kb.statuses.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('kb.visibility')}>
          <select value={visibility} onChange={(e) => (setVisibility(e.target.value as ArticleVisibility | ''), setPage(1))}>
            <option value="">{t('common.all')}</option>
            {ARTICLE_VISIBILITIES.map((v) => (
              <option key={v} value={v}>
                {t(`kb.visibilities.${v}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('kb.category')}>
          <select value={category} onChange={(e) => (setCategory(e.target.value), setPage(1))}>
            <option value="">{t('common.all')}</option>
            {(res.data?.categories ?? []).map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {res.state === 'loading' ? (
        <Loading />
      ) : res.data === undefined ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : res.data.items.length === 0 ? (
        <EmptyState>{q ? t('kb.noMatch') : t('kb.empty')}</EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="data" aria-label={t('kb.tableLabel')}>
              <thead>
                <tr>
                  <th>{t('kb.title')}</th>
                  <th>{t('kb.category')}</th>
                  <th>{t('kb.tags')}</th>
                  <th>{t('kb.status')}</th>
                  <th>{t('kb.visibility')}</th>
                  <th>{t('kb.solved')}</th>
                  <th>{t('kb.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {res.data.items.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/kb/articles/${a.id}`} className="user-text">
                        {preferredText(a.texts, i18n.language)?.title}
                      </Link>
                      <div className="small muted">{a.texts.map((x) => t(`languages.${x.locale}`)).join(' · ')}</div>
                    </td>
                    <td className="user-text">{a.category}</td>
                    <td className="user-text small">{a.tags.join(', ')}</td>
                    <td>
                      <span className={`badge ${a.status === 'draft' ? 'warn' : 'ok'}`}>{t(`kb.statuses.${a.status}`)}</span>
                    </td>
                    <td>{t(`kb.visibilities.${a.visibility}`)}</td>
                    <td>{a.usage.solved}</td>
                    <td className="small">
                      <DateText iso={a.updatedAt} /> <span className="muted user-text">{a.updatedBy}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pageSize={PAGE_SIZE} total={res.data.total} onPage={setPage} />
        </>
      )}
    </>
  );
}

/** The knowledge base: articles (search, filters), the synonyms search uses, and what users did with it. */
export function KbPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = (['articles', 'synonyms', 'report'] as const).find((k) => k === params.get('tab')) ?? 'articles';
  return (
    <>
      <div className="page-head">
        <h1>{t('kb.pageTitle')}</h1>
        <span className="spacer" />
        <Link className="btn btn-primary" to="/kb/new">
          {t('kb.newArticle')}
        </Link>
      </div>
      <Tabs<KbTab>
        idPrefix="kb"
        label={t('kb.pageTitle')}
        active={tab}
        onChange={(k) => setParams(k === 'articles' ? {} : { tab: k }, { replace: true })}
        tabs={[
          { key: 'articles', label: t('kb.tabs.articles') },
          { key: 'synonyms', label: t('kb.tabs.synonyms') },
          { key: 'report', label: t('kb.tabs.report') },
        ]}
      />
      <TabPanel idPrefix="kb" tabKey={tab}>
        {tab === 'articles' ? <ArticleList /> : tab === 'synonyms' ? <SynonymsPanel /> : <KbReportPanel />}
      </TabPanel>
    </>
  );
}
