import { z } from 'zod';

import { isoDateTime, list, maybeDateTime, maybeText, nonNegativeInt, text, uuid } from './limits.js';

/* ───────────── the admin console's Mail panel ───────────── */

export const MAIL_OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'dead'] as const;
export const MailOutboxStatusSchema = z.enum(MAIL_OUTBOX_STATUSES);
export type MailOutboxStatus = z.infer<typeof MailOutboxStatusSchema>;

/** `GET /api/v1/console/settings/mail`: the configuration in force, never its password. */
export const MailSettingsViewSchema = z.strictObject({
  /** environment: DESKSIDE_SMTP_URL is set (the console's settings are ignored); console: saved here; null: no mail. */
  source: z.enum(['environment', 'console']).nullable(),
  /** The SMTP URL without its password. */
  smtpUrl: maybeText(2048),
  from: maybeText(320),
  passwordSet: z.boolean(),
  updatedAt: maybeDateTime,
  updatedBy: maybeText(),
  counts: z.strictObject({ queued: nonNegativeInt, sending: nonNegativeInt, sent: nonNegativeInt, failed: nonNegativeInt, dead: nonNegativeInt }),
});
export type MailSettingsView = z.infer<typeof MailSettingsViewSchema>;

/** `PUT /api/v1/console/settings/mail`. */
export const MailSettingsChangeSchema = z.strictObject({
  smtpUrl: z
    .string()
    .trim()
    .max(2048)
    .regex(/^smtps?:\/\/[^\s]+$/i, 'the SMTP URL must start with smtp:// or smtps://'),
  from: z.string().trim().min(3).max(320),
  /** A new password; null removes the stored one; absent keeps it. */
  password: z.string().max(1024).nullable().optional(),
});
export type MailSettingsChange = z.infer<typeof MailSettingsChangeSchema>;

/** `POST /api/v1/console/settings/mail/test`: sends one mail now, with the configuration in force. */
export const MailTestSchema = z.strictObject({ to: z.email().max(320) });
export const MailTestResultSchema = z.strictObject({ ok: z.boolean(), response: maybeText(2048), error: maybeText(2048) });
export type MailTestResult = z.infer<typeof MailTestResultSchema>;

export const MailOutboxQuerySchema = z.strictObject({ status: MailOutboxStatusSchema.optional() });

export const MailOutboxItemSchema = z.strictObject({
  id: uuid,
  to: text(320),
  subject: z.string().max(998),
  topic: text(64),
  ticketNumber: z.number().int().positive().nullable(),
  status: MailOutboxStatusSchema,
  attempts: nonNegativeInt,
  nextAttemptAt: maybeDateTime,
  lastError: maybeText(4096),
  lastResponse: maybeText(4096),
  createdAt: isoDateTime,
  finishedAt: maybeDateTime,
});
export type MailOutboxItem = z.infer<typeof MailOutboxItemSchema>;

/** `GET /api/v1/console/settings/mail/outbox`: the newest mails (failures first when asked by status). */
export const MailOutboxSchema = z.strictObject({ items: list(MailOutboxItemSchema, 200) });
export type MailOutbox = z.infer<typeof MailOutboxSchema>;

/* ───────────── a technician's own mail notifications (profile) ───────────── */

export const TECHNICIAN_MAIL_TOPICS = ['team-new-ticket', 'assigned-to-me', 'requester-replied', 'sla-due-soon', 'sla-breached'] as const;
export const TechnicianMailTopicSchema = z.enum(TECHNICIAN_MAIL_TOPICS);
export type TechnicianMailTopic = z.infer<typeof TechnicianMailTopicSchema>;

export const MAIL_LANGUAGES = ['en', 'zh-CN'] as const;

/** `GET/PUT /api/v1/console/me/mail-notifications`. */
export const MailNotificationPreferencesSchema = z.strictObject({
  /** Where they go; null: no mail at all. */
  email: z.email().max(320).nullable(),
  language: z.enum(MAIL_LANGUAGES),
  topics: z.strictObject({
    'team-new-ticket': z.boolean(),
    'assigned-to-me': z.boolean(),
    'requester-replied': z.boolean(),
    'sla-due-soon': z.boolean(),
    'sla-breached': z.boolean(),
  }),
});
export type MailNotificationPreferences = z.infer<typeof MailNotificationPreferencesSchema>;

export const DEFAULT_MAIL_TOPICS: MailNotificationPreferences['topics'] = {
  'team-new-ticket': true,
  'assigned-to-me': true,
  'requester-replied': true,
  'sla-due-soon': true,
  'sla-breached': true,
};
