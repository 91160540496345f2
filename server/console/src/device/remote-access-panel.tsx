import { REMOTE_TOOL_NAMES, remoteConnectUrl, type RemoteAccessData, type RemoteHandle, type RemoteService } from '@deskside/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { DateText } from '../components/date-text.js';

/** Copies one ID; says so, or says to copy by hand where the browser refuses (no clipboard permission, plain http). */
function CopyButton({ value, label }: { readonly value: string; readonly label: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" className="btn btn-small" aria-label={t('remoteAccess.copyId', { tool: label })} onClick={() => void copy()}>
        {t('remoteAccess.copy')}
      </button>
      {state === 'copied' && (
        <span className="small muted" role="status">
          {t('remoteAccess.copied')}
        </span>
      )}
      {state === 'failed' && (
        <span className="small inline-error" role="alert">
          {t('remoteAccess.copyFailed')}
        </span>
      )}
    </>
  );
}

function HandleRow({ handle }: { readonly handle: RemoteHandle }) {
  const { t } = useTranslation();
  const name = REMOTE_TOOL_NAMES[handle.tool];
  const url = remoteConnectUrl(handle);
  return (
    <li className="remote-handle">
      <strong>{name}</strong>{' '}
      {handle.id !== null ? <code className="mono">{handle.id}</code> : <span className="muted">{t('remoteAccess.noId')}</span>}
      {handle.label !== null && <span className="small muted"> {handle.label}</span>}{' '}
      {handle.id !== null && <CopyButton value={handle.id} label={name} />}{' '}
      {url !== null && (
        <a className="btn btn-small btn-primary" href={url} aria-label={t('remoteAccess.connectTo', { tool: name })} rel="noreferrer" target={handle.tool === 'meshcentral' ? '_blank' : undefined}>
          {t('remoteAccess.connect')}
        </a>
      )}
      {handle.server !== null && (
        <div className="small muted">
          {t('remoteAccess.server')} <span className="mono">{handle.server}</span>
        </div>
      )}
      {handle.group !== null && (
        <div className="small muted">
          {t(handle.tool === 'chrome-remote-desktop' ? 'remoteAccess.owner' : 'remoteAccess.group')} <span className="mono">{handle.group}</span>
        </div>
      )}
      {handle.problem !== null && <div className="small muted">{handle.problem}</div>}
    </li>
  );
}

function ServiceState({ service }: { readonly service: RemoteService }) {
  const { t } = useTranslation();
  const state = service.enabled === null ? 'unknown' : service.enabled ? 'on' : 'off';
  return (
    <>
      <dt>{t(`remoteAccess.services.${service.service}`)}</dt>
      <dd>
        <span className={`badge${state === 'on' ? ' warn' : ''}`}>{t(`remoteAccess.state.${state}`)}</span>
        {service.product !== null && <span className="small muted"> {service.product}</span>}
      </dd>
    </>
  );
}

/**
 * The machine's remote-assistance handles with a Connect link where the tool has a URL scheme, and
 * whether RDP / Screen Sharing / VNC are on. Shown on the device page and beside a ticket.
 */
export function RemoteAccessPanel({
  data,
  collectedAt,
  error,
}: {
  readonly data: RemoteAccessData | null;
  readonly collectedAt: string | null;
  /** The section's own error text, when the agent could not read it. */
  readonly error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="remote-access-title">
      <h2 id="remote-access-title">{t('remoteAccess.title')}</h2>
      {data === null ? (
        <p className="muted">{error ? t('remoteAccess.unreadable', { error }) : t('remoteAccess.notCollected')}</p>
      ) : (
        <>
          {data.handles.length === 0 ? <p className="muted">{t('remoteAccess.none')}</p> : <ul className="plain-list">{data.handles.map((h, i) => <HandleRow key={`${h.tool}-${i}`} handle={h} />)}</ul>}
          {data.services.length > 0 && (
            <dl className="kv">
              {data.services.map((s) => (
                <ServiceState key={s.service} service={s} />
              ))}
            </dl>
          )}
          {error && <p className="small inline-error">{error}</p>}
        </>
      )}
      {collectedAt !== null && (
        <p className="small muted">
          {t('remoteAccess.asOf')} <DateText iso={collectedAt} />
        </p>
      )}
    </section>
  );
}
