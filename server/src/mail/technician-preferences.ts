import { DEFAULT_MAIL_TOPICS, MailNotificationPreferencesSchema, type MailNotificationPreferences, type TechnicianMailTopic } from '@deskside/shared';

import type { TechniciansTable } from '../storage/tables.js';
import { mailLocaleOf, type MailLocale } from './templates/layout.js';

/** What is stored in technicians.mail_notifications: the choices without the address (its own column). */
type Stored = Omit<MailNotificationPreferences, 'email'>;
const StoredSchema = MailNotificationPreferencesSchema.omit({ email: true });

const DEFAULTS: Stored = { language: 'en', topics: DEFAULT_MAIL_TOPICS };

/** A technician's choices; the defaults (English, every notification) when none or unreadable. */
export function preferencesOf(row: Pick<TechniciansTable, 'email' | 'mail_notifications'>): MailNotificationPreferences {
  let stored = DEFAULTS;
  if (row.mail_notifications !== null) {
    try {
      const parsed = StoredSchema.safeParse(JSON.parse(row.mail_notifications));
      if (parsed.success) stored = parsed.data;
    } catch {
      // A hand-edited row: the defaults.
    }
  }
  return { email: row.email, ...stored };
}

export const storedPreferences = (p: MailNotificationPreferences): string => JSON.stringify({ language: p.language, topics: p.topics } satisfies Stored);

/** Where and in which language a technician wants `topic` mailed; null when they do not. */
export function mailTargetOf(row: Pick<TechniciansTable, 'email' | 'mail_notifications' | 'disabled'>, topic: TechnicianMailTopic): { readonly email: string; readonly locale: MailLocale } | null {
  if (row.disabled !== 0 || row.email === null) return null;
  const p = preferencesOf(row);
  return p.topics[topic] ? { email: row.email, locale: mailLocaleOf(p.language) } : null;
}
