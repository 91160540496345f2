import { OutboundError, defineHandler, type OutboundHandler } from '../outbound/job.js';
import type { MailConfig } from './mail-config-source.js';
import { MAIL_KIND, MailJobSchema, messageIdFor, ticketThreadIdFor, type MailJob } from './mail-job.js';
import type { SmtpSender } from './smtp-sender.js';

/** Eight attempts over about an hour at the default backoff; a mail later than that has lost its point. */
const MAIL_MAX_ATTEMPTS = 8;

/** Sends the mail outbox's jobs with the SMTP configuration in force at each attempt. */
export function mailHandler(config: MailConfig, sender: SmtpSender): OutboundHandler<MailJob> {
  return defineHandler({
    kind: MAIL_KIND,
    payload: MailJobSchema,
    maxAttempts: MAIL_MAX_ATTEMPTS,
    send: async (mail, attempt) => {
      const current = await config.current();
      // Configuration removed after the mail was queued: it waits (and dies after its attempts) rather than vanishing.
      if (current === null) throw new OutboundError('mail is not configured (DESKSIDE_SMTP_URL or the console’s Mail settings)', { permanent: false });
      const from = current.config.from;
      const response = await sender.send(
        current.config,
        {
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: messageIdFor(attempt.jobId, from),
          ...(mail.ticketId !== null ? { references: [ticketThreadIdFor(mail.ticketId, from)] } : {}),
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Deskside-Topic': mail.topic },
        },
        attempt.signal,
      );
      return { response };
    },
  });
}
