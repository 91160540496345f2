import type { AttachmentInfo } from '@deskside/shared';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { safeApiPath } from '../api/safe-url.js';
import { describeError } from '../components/states.js';
import { formatBytes } from '../format/numbers.js';
import { useClient } from '../session/session-context.js';

/** Download links for files, each with its type and size. */
export function FileLinks({ files, label }: { readonly files: readonly AttachmentInfo[]; readonly label: string }) {
  const { i18n } = useTranslation();
  if (files.length === 0) return null;
  return (
    <ul className="file-list small" aria-label={label}>
      {files.map((a) => (
        <li key={a.id}>
          <a href={safeApiPath(a.downloadUrl)} download={a.name}>
            {a.name}
          </a>{' '}
          <span className="muted">{formatBytes(a.size, i18n.language)}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Files for the reply being written: each is uploaded as soon as it is picked (so a refused file says
 * why at once) and sent with the message. A file removed here is simply not sent; the server forgets
 * unsent uploads after a day.
 */
export function ReplyFilePicker({
  ticketId,
  files,
  internal,
  onChange,
}: {
  readonly ticketId: string;
  readonly files: readonly AttachmentInfo[];
  readonly internal: boolean;
  readonly onChange: (files: readonly AttachmentInfo[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const pick = async (list: FileList | null) => {
    const picked = list === null ? [] : [...list];
    if (picked.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      const result = await client.uploadReplyAttachments(ticketId, picked);
      onChange([...files, ...result.attachments]);
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
      if (input.current !== null) input.current.value = '';
    }
  };

  return (
    <div className="reply-files">
      <label className="btn btn-small">
        {busy ? t('ticket.uploadingFiles') : t('ticket.attachFiles')}
        <input ref={input} type="file" multiple className="visually-hidden" disabled={busy} onChange={(e) => void pick(e.target.files)} />
      </label>
      {files.length > 0 && (
        <>
          <ul className="file-list small" aria-label={t('ticket.filesToSend')}>
            {files.map((f) => (
              <li key={f.id}>
                {f.name} <span className="muted">{formatBytes(f.size, i18n.language)}</span>{' '}
                <button type="button" className="btn-link" aria-label={t('ticket.removeFile', { name: f.name })} onClick={() => onChange(files.filter((x) => x.id !== f.id))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
          <p className="small muted">{internal ? t('ticket.noteFilesStayInternal') : t('ticket.replyFilesReachUser')}</p>
        </>
      )}
      {error !== null && (
        <div className="inline-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
