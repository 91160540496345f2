import { REMOTE_TOOL_NAMES } from '@deskside/shared';
import { useTranslation } from 'react-i18next';

import { ErrorBox } from '../../components/error-box';
import { ViewHeading } from '../../components/view-heading';
import { useRequest } from '../../use-request';

const COLLECTED = ['system', 'hardware', 'software', 'network', 'users', 'protection', 'remoteAccess'] as const;

/** Versions, server and device id, and the transparency page: what Deskside collects and why. */
export function AboutView() {
  const { t } = useTranslation();
  const [info, reload] = useRequest('app:get-info');
  if (info.state === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (info.state === 'failed') return <ErrorBox message={info.message} onRetry={() => void reload()} />;
  const i = info.value;
  return (
    <div className="view">
      <ViewHeading>{t('about.title')}</ViewHeading>
      <p>{t('about.version', { version: i.version })}</p>
      <p className="hint">{t('about.versions', i.versions)}</p>
      <dl className="facts">
        <dt>{t('about.computer')}</dt>
        <dd>{i.computerName}</dd>
        <dt>{t('about.user')}</dt>
        <dd>{i.userName}</dd>
        <dt>{t('about.os')}</dt>
        <dd>{i.os}</dd>
        <dt>{t('about.server')}</dt>
        <dd>{i.serverUrl ?? t('about.notEnrolled')}</dd>
        <dt>{t('about.deviceId')}</dt>
        <dd>
          <code>{i.deviceId ?? t('about.notEnrolled')}</code>
        </dd>
        {i.supportId && (
          <>
            <dt>{t('about.supportId')}</dt>
            <dd className="support-id">
              <strong>{t('about.supportIdValue', { id: i.supportId.id, tool: REMOTE_TOOL_NAMES[i.supportId.tool] })}</strong>
              <span className="hint">{t('about.supportIdHint')}</span>
            </dd>
          </>
        )}
      </dl>
      <section aria-labelledby="transparency-title" className="transparency">
        <h2 id="transparency-title">{t('about.transparency.title')}</h2>
        <p>{t('about.transparency.intro')}</p>
        <h3>{t('about.transparency.collects')}</h3>
        <ul>
          {COLLECTED.map((k) => (
            <li key={k}>{t(`about.transparency.items.${k}`)}</li>
          ))}
        </ul>
        <h3>{t('about.transparency.onTicket')}</h3>
        <p>{t('about.transparency.ticketItems')}</p>
        <h3>{t('about.transparency.never')}</h3>
        <p>{t('about.transparency.neverItems')}</p>
        <p>{t('about.transparency.where')}</p>
      </section>
    </div>
  );
}
