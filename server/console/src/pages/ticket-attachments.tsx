import type { TicketDetail } from '@deskside/shared';
import { useTranslation } from 'react-i18next';

import { safeApiPath } from '../api/safe-url.js';
import { ScreenshotViewer } from '../components/screenshot-viewer.js';
import { formatBytes } from '../format/numbers.js';

/** What the user attached: screenshots to look at, other files to download. Nothing when there are none. */
export function TicketAttachments({ attachments }: { readonly attachments: TicketDetail['attachments'] }) {
  const { t, i18n } = useTranslation();
  const screenshots = attachments.filter((a) => a.role === 'screenshot' && a.type.startsWith('image/'));
  const files = attachments.filter((a) => !screenshots.includes(a));
  if (screenshots.length === 0 && files.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t('ticket.attachments')}</h2>
      <div className="screenshot-grid">
        {screenshots.map((a) => (
          <ScreenshotViewer key={a.id} attachment={a} />
        ))}
      </div>
      {files.length > 0 && (
        <ul>
          {files.map((a) => (
            <li key={a.id}>
              <a href={safeApiPath(a.downloadUrl)} download={a.name}>
                {a.name}
              </a>{' '}
              <span className="small muted">
                {a.type} · {formatBytes(a.size, i18n.language)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
