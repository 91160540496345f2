import type { TicketDetail } from '@deskside/shared';
import { useTranslation } from 'react-i18next';

import { Field } from '../components/field.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient, useTechnician } from '../session/session-context.js';
import { cannedReplyText } from './canned-reply-text.js';

/** Inserts a canned reply (the ticket's team's and the global ones) into the reply box. */
export function CannedReplyPicker({ detail, onInsert }: { readonly detail: TicketDetail; readonly onInsert: (text: string) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const me = useTechnician();
  const teamId = detail.ticket.team?.id;
  const replies = useResource(`canned:${teamId ?? ''}`, (signal) => client.helpdesk.cannedReplies(teamId, signal));
  const items = replies.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Field label={t('canned.insert')}>
      <select
        value=""
        onChange={(e) => {
          const reply = items.find((r) => r.id === e.target.value);
          if (reply !== undefined) onInsert(cannedReplyText(reply, detail, me.displayName));
        }}
      >
        <option value="">{t('canned.choose')}</option>
        {items.map((r) => (
          <option key={r.id} value={r.id}>
            {r.title}
          </option>
        ))}
      </select>
    </Field>
  );
}
