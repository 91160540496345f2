import type { AttachmentInfo } from '@deskside/shared';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { safeApiPath } from '../api/safe-url.js';

const ZOOMS = [0.5, 1, 1.5, 2, 3] as const;

/** A screenshot as a thumbnail that opens into a zoomable, full-size view (Escape closes it). */
export function ScreenshotViewer({ attachment }: { readonly attachment: AttachmentInfo }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [zoom, setZoom] = useState<number | 'fit'>('fit');
  const [failed, setFailed] = useState(false);
  const open = () => {
    setZoom('fit');
    dialog.current?.showModal();
  };
  const src = safeApiPath(attachment.downloadUrl);
  if (failed || src === undefined) return <p className="inline-error">{t('ticket.screenshotFailed', { name: attachment.name })}</p>;
  return (
    <figure style={{ margin: 0 }}>
      <button type="button" className="btn-link" onClick={open} aria-label={t('ticket.openScreenshot', { name: attachment.name })}>
        <img className="screenshot-thumb" src={src} alt={t('ticket.screenshotAlt', { name: attachment.name })} onError={() => setFailed(true)} />
      </button>
      <figcaption className="small muted">
        {attachment.name} ·{' '}
        <a href={src} download={attachment.name}>
          {t('ticket.download')}
        </a>
      </figcaption>
      <dialog ref={dialog} aria-label={t('ticket.screenshotAlt', { name: attachment.name })} onClose={() => setZoom('fit')}>
        <div className="row" style={{ marginBottom: 8 }}>
          <strong>{attachment.name}</strong>
          <span className="spacer" style={{ flex: 1 }} />
          <button type="button" className="btn btn-small" aria-pressed={zoom === 'fit'} onClick={() => setZoom('fit')}>
            {t('ticket.zoomFit')}
          </button>
          {ZOOMS.map((z) => (
            <button key={z} type="button" className="btn btn-small" aria-pressed={zoom === z} onClick={() => setZoom(z)}>
              {Math.round(z * 100)}%
            </button>
          ))}
          <a className="btn btn-small" href={src} download={attachment.name}>
            {t('ticket.download')}
          </a>
          <button type="button" className="btn btn-small" onClick={() => dialog.current?.close()}>
            {t('common.close')}
          </button>
        </div>
        <div className="screenshot-zoom">
          <img
            src={src}
            alt={t('ticket.screenshotAlt', { name: attachment.name })}
            style={zoom === 'fit' ? { maxWidth: '100%', maxHeight: '68vh' } : { zoom }}
          />
        </div>
      </dialog>
    </figure>
  );
}
