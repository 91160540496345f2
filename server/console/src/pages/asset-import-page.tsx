import type { AssetImportReport } from '@deskside/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { Field } from '../components/field.js';
import { describeError } from '../components/states.js';
import { useClient } from '../session/session-context.js';

/** What an import did or would do, with every refused row by line. */
function ImportReport({ report }: { readonly report: AssetImportReport }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="import-report" role="status">
      <h2 id="import-report">
        {t('assets.importRows', { count: report.rows })} ·{' '}
        {report.applied ? t('assets.importApplied', { count: report.changes.length }) : t('assets.importChanges', { count: report.changes.length })} ·{' '}
        {t('assets.importUnchanged', { count: report.unchanged })}
      </h2>
      {report.errors.length > 0 && (
        <>
          <p className="notice">{t('assets.importBlocked')}</p>
          <table className="data compact" aria-label={t('assets.problem')}>
            <thead>
              <tr>
                <th scope="col">{t('assets.line')}</th>
                <th scope="col">{t('assets.column')}</th>
                <th scope="col">{t('assets.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((e, i) => (
                <tr key={`${e.line}-${i}`}>
                  <td className="num">{e.line}</td>
                  <td className="mono">{e.column ?? ''}</td>
                  <td>
                    {t(`assets.importErrors.${e.code}`)} <span className="small muted">{e.message}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {report.changes.length > 0 && (
        <table className="data compact" aria-label={t('assets.change')}>
          <thead>
            <tr>
              <th scope="col">{t('assets.line')}</th>
              <th scope="col">{t('devices.name')}</th>
              <th scope="col">{t('assets.change')}</th>
            </tr>
          </thead>
          <tbody>
            {report.changes.map((c) => (
              <tr key={c.deviceId}>
                <td className="num">{c.line}</td>
                <td>
                  <Link to={`/devices/${c.deviceId}?tab=asset`}>{c.hostname}</Link>
                </td>
                <td>{c.changed.map((f) => (f === 'status' ? t('assets.statusTitle') : t(`assets.fields.${f}`, { defaultValue: f }))).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Asset records from a spreadsheet: check first (nothing written), then import all rows or none. */
export function AssetImportPage() {
  const { t } = useTranslation();
  const client = useClient();
  const [csv, setCsv] = useState('');
  const [report, setReport] = useState<AssetImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (dryRun: boolean) => {
    setError(null);
    setBusy(true);
    try {
      setReport(await client.assets.importCsv(csv, dryRun));
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div className="page-head">
        <Link to="/devices">← {t('nav.devices')}</Link>
        <h1>{t('assets.importTitle')}</h1>
      </div>
      <section className="panel">
        <p className="small muted">{t('assets.importHelp')}</p>
        <Field label={t('assets.importFile')}>
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              const file = e.target.files?.[0];
              setReport(null);
              if (file !== undefined) void file.text().then(setCsv);
            }}
          />
        </Field>
        <div className="row">
          <button type="button" className="btn" disabled={csv === '' || busy} onClick={() => void run(true)}>
            {t('assets.dryRun')}
          </button>
          <button type="button" className="btn btn-primary" disabled={csv === '' || busy || report === null || !report.dryRun || report.errors.length > 0} onClick={() => void run(false)}>
            {t('assets.apply')}
          </button>
          {error !== null && (
            <span className="inline-error" role="alert">
              {error}
            </span>
          )}
        </div>
      </section>
      {report !== null && <ImportReport report={report} />}
    </>
  );
}
