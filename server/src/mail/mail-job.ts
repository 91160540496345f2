import { z } from 'zod';

import { addressOf } from './smtp-config.js';

/** The outbound kind of mail jobs: the mail outbox is the queue's jobs of this kind. */
export const MAIL_KIND = 'mail';

/** What a mail is about, shown in the admins' outbox. */
export const MAIL_TOPICS = [
  'test',
  'ticket-received',
  'technician-reply',
  'ticket-resolved',
  'team-new-ticket',
  'assigned-to-me',
  'requester-replied',
  'sla-due-soon',
  'sla-breached',
] as const;
export type MailTopic = (typeof MAIL_TOPICS)[number];

/** A mail job's payload: rendered when the event happens, so a retry sends exactly what was decided then. */
export const MailJobSchema = z.object({
  to: z.string().min(3).max(320),
  subject: z.string().max(998),
  text: z.string(),
  html: z.string(),
  topic: z.enum(MAIL_TOPICS),
  ticketId: z.string().nullable(),
  ticketNumber: z.number().int().positive().nullable(),
});
export type MailJob = z.infer<typeof MailJobSchema>;

/** The domain of the From address, for Message-IDs. */
export function mailDomain(from: string): string {
  return addressOf(from)?.split('@')[1] ?? 'deskside.invalid';
}

/** One id per job: the retries of one job carry the same Message-ID. */
export const messageIdFor = (jobId: string, from: string): string => `<${jobId}@${mailDomain(from)}>`;

/** Every mail about a ticket refers to this id, so mail programs show them as one conversation. */
export const ticketThreadIdFor = (ticketId: string, from: string): string => `<ticket-${ticketId}@${mailDomain(from)}>`;
