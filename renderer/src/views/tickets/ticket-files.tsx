import type { PublicAttachment, SaveFileResult } from '@deskside/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { request } from '../../bridge';
import { ErrorBox } from '../../components/error-box';
import { formatBytes } from '../../format';

/**
 * Files of a ticket — those the user filed, those IT sent with a reply — each saved to the user's
 * Downloads folder on request (fetched through the agent, which holds the device's credential).
 */
export function TicketFiles({ ticketId, files }: { readonly ticketId: string; readonly files: readonly PublicAttachment[] }) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState<string | null>(null);
  const [result, setResult] = useState<SaveFileResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (files.length === 0) return null;

  const save = async (file: PublicAttachment) => {
    setSaving(file.id);
    setResult(null);
    setError(null);
    try {
      setResult(await request('tickets:save-file', ticketId, file.id));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(null);
    }
  };

  return (
    <div className="ticket-files">
      <ul aria-label={t('tickets.files')}>
        {files.map((f) => (
          <li key={f.id}>
            <span className="file-name">{f.name}</span> <span className="hint">{formatBytes(f.size)}</span>{' '}
            <button type="button" disabled={saving !== null} aria-label={t('tickets.saveFile', { name: f.name })} onClick={() => void save(f)}>
              {t('tickets.save')}
            </button>
          </li>
        ))}
      </ul>
      <p role="status" aria-live="polite">
        {result?.outcome === 'saved' ? t('tickets.fileSaved', { name: result.fileName }) : null}
      </p>
      {result?.outcome === 'unavailable' ? <ErrorBox message={t('tickets.fileUnavailable', { message: result.message })} /> : null}
      {error ? <ErrorBox message={error} /> : null}
    </div>
  );
}
