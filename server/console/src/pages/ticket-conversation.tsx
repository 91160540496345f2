import { TICKET_STATUSES, type AttachmentInfo, type AuditEntry, type ConsoleMessage, type TicketDetail, type TicketStatus } from '@deskside/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { DateText } from '../components/date-text.js';
import { describeError } from '../components/states.js';
import { CannedReplyPicker } from '../helpdesk/canned-reply-picker.js';
import { ArticleInsert } from '../kb/article-insert.js';
import { useClient } from '../session/session-context.js';
import { FileLinks, ReplyFilePicker } from './reply-files.js';

function MessageItem({ message, files }: { readonly message: ConsoleMessage; readonly files: readonly AttachmentInfo[] }) {
  const { t } = useTranslation();
  const internal = message.visibility === 'internal';
  const cls = internal ? 'note' : message.author === 'technician' ? 'tech' : 'user';
  return (
    <li className={cls}>
      <div className="small">
        <strong>{message.authorName ?? t(message.author === 'user' ? 'ticket.theUser' : 'ticket.aTechnician')}</strong>{' '}
        {internal ? <span className="badge warn">{t('ticket.internalNote')}</span> : message.author === 'technician' && <span className="badge info">{t('ticket.publicReply')}</span>}{' '}
        <span className="muted">
          <DateText iso={message.createdAt} />
        </span>
      </div>
      <div className="bubble">
        <p className="user-text">{message.body}</p>
        <FileLinks files={files} label={t('ticket.filesSent')} />
      </div>
    </li>
  );
}

export function Conversation({ detail }: { readonly detail: TicketDetail }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="conversation-title">
      <h2 id="conversation-title">{t('ticket.conversation')}</h2>
      {detail.messages.length === 0 ? (
        <p className="muted">{t('ticket.noMessages')}</p>
      ) : (
        <ol className="timeline">
          {detail.messages.map((m) => (
            <MessageItem key={m.id} message={m} files={detail.attachments.filter((a) => a.messageId === m.id)} />
          ))}
        </ol>
      )}
    </section>
  );
}

/** Public reply (reaches the user's tray) or internal note (technicians only), optionally moving the status. */
export function ReplyForm({ detail, onSent }: { readonly detail: TicketDetail; readonly onSent: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<'public' | 'internal'>('public');
  const [status, setStatus] = useState<TicketStatus | ''>('');
  const [files, setFiles] = useState<readonly AttachmentInfo[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (body.trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      await client.addMessage(detail.ticket.id, {
        body,
        visibility,
        ...(status !== '' ? { status } : {}),
        ...(files.length > 0 ? { attachmentIds: files.map((f) => f.id) } : {}),
      });
      // The text is cleared only once the server has it, so a failed send loses nothing.
      setBody('');
      setStatus('');
      setFiles([]);
      onSent();
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby="reply-title">
      <div className="panel-head">
        <h2 id="reply-title">{t('ticket.respond')}</h2>
        <span className="spacer" />
        <div className="row" role="radiogroup" aria-label={t('ticket.visibility')}>
          <label>
            <input type="radio" name="visibility" value="public" checked={visibility === 'public'} onChange={() => setVisibility('public')} />{' '}
            {t('ticket.publicReply')}
          </label>
          <label>
            <input type="radio" name="visibility" value="internal" checked={visibility === 'internal'} onChange={() => setVisibility('internal')} />{' '}
            {t('ticket.internalNote')}
          </label>
        </div>
      </div>
      <CannedReplyPicker detail={detail} onInsert={(text) => setBody((current) => (current.trim() === '' ? text : `${current}\n${text}`))} />
      <label className="visually-hidden" htmlFor="reply-body">
        {visibility === 'public' ? t('ticket.replyLabel') : t('ticket.noteLabel')}
      </label>
      <textarea
        id="reply-body"
        value={body}
        maxLength={20_000}
        placeholder={visibility === 'public' ? t('ticket.replyPlaceholder') : t('ticket.notePlaceholder')}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
        }}
        style={visibility === 'internal' ? { background: '#fffaf0' } : undefined}
      />
      <ReplyFilePicker ticketId={detail.ticket.id} files={files} internal={visibility === 'internal'} onChange={setFiles} />
      <div className="row" style={{ marginTop: 8 }}>
        <label className="row">
          {t('ticket.andSetStatus')}
          <select value={status} onChange={(e) => setStatus(e.target.value as TicketStatus | '')}>
            <option value="">{t('ticket.keepStatus')}</option>
            {TICKET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <ArticleInsert ticket={detail} onInsert={(text) => setBody((b) => (b.trim() === '' ? text : `${b}\n\n${text}`))} />
        <span style={{ flex: 1 }} />
        <span className="small muted">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
        </span>
        <button type="submit" className="btn btn-primary" disabled={busy || body.trim() === ''}>
          {visibility === 'public' ? t('ticket.sendReply') : t('ticket.addNote')}
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

/** A line of the audit log in words: known actions are translated, the rest show their dotted name. */
function activityText(entry: AuditEntry, t: (key: string, o?: Record<string, unknown>) => string, names: ReadonlyMap<string, string>): string {
  const d = entry.details;
  const value = (v: unknown): string => {
    if (v == null) return t('activity.nobody');
    const s = typeof v === 'string' ? v : JSON.stringify(v);
    switch (entry.action) {
      case 'ticket.status':
        return t(`status.${s}`, { defaultValue: s });
      case 'ticket.priority':
        return t(`priority.${s}`, { defaultValue: s });
      case 'ticket.assignee':
        return names.get(s) ?? t('activity.anotherTechnician');
      default:
        return s;
    }
  };
  return t(`activity.${entry.action}`, { from: value(d.from ?? d.before), to: value(d.to ?? d.after), defaultValue: entry.action });
}

export function ActivityLog({ entries, names }: { readonly entries: readonly AuditEntry[]; readonly names: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="activity-title">
      <h2 id="activity-title">{t('ticket.activity')}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t('ticket.noActivity')}</p>
      ) : (
        <ol className="timeline small">
          {entries.map((entry) => (
            <li key={entry.id}>
              <span className="muted">
                <DateText iso={entry.at} />
              </span>{' '}
              <strong>{entry.actor.name ?? t(`actorKind.${entry.actor.kind}`)}</strong> <span className="user-text">{activityText(entry, t, names)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
