import { IdParamsSchema, MailOutboxQuerySchema, MailOutboxSchema, MailSettingsChangeSchema, MailSettingsViewSchema, MailTestResultSchema, MailTestSchema, type MailOutboxItem, type MailSettingsView } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { badRequest, conflict, notFound } from '../../http/http-error.js';
import { requireTechnicianContext } from '../../http/request-context.js';
import { MAIL_KIND, MailJobSchema, messageIdFor } from '../../mail/mail-job.js';
import { SmtpConfigError, parseSmtpConfig, safeSmtpUrl } from '../../mail/smtp-config.js';
import { SmtpSender } from '../../mail/smtp-sender.js';
import { testMail } from '../../mail/templates/test-mail.js';
import type { OutboundJob } from '../../outbound/job.js';
import { iso, isoOrNull } from '../../storage/values.js';
import type { RouteDeps } from '../deps.js';

const OUTBOX_LIMIT = 200;

function outboxItem(job: OutboundJob): MailOutboxItem | null {
  const mail = MailJobSchema.safeParse(job.payload);
  if (!mail.success) return null;
  return {
    id: job.id,
    to: mail.data.to,
    subject: mail.data.subject,
    topic: mail.data.topic,
    ticketNumber: mail.data.ticketNumber,
    status: job.status,
    attempts: job.attempts,
    nextAttemptAt: job.status === 'queued' || job.status === 'failed' ? iso(job.nextAttemptAt) : null,
    lastError: job.lastError,
    lastResponse: job.lastResponse,
    createdAt: iso(job.createdAt),
    finishedAt: isoOrNull(job.finishedAt),
  };
}

/**
 * Administrator-only: the Mail panel. SMTP settings (the password is write-only: it is never sent back
 * nor logged), a test mail sent at once with the answer shown, and the mail outbox with its failures.
 */
export const mailAdminRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  const view = async (): Promise<MailSettingsView> => {
    const counts = await store.outbound.counts(MAIL_KIND);
    const env = store.mail.environment;
    if (env !== null) {
      return { source: 'environment', smtpUrl: `${env.secure ? 'smtps' : 'smtp'}://${env.user !== null ? `${encodeURIComponent(env.user)}@` : ''}${env.host.includes(':') ? `[${env.host}]` : env.host}:${env.port}`, from: env.from, passwordSet: env.password !== null, updatedAt: null, updatedBy: null, counts };
    }
    const stored = await store.mailSettings.get();
    if (stored === null) return { source: null, smtpUrl: null, from: null, passwordSet: false, updatedAt: null, updatedBy: null, counts };
    return { source: 'console', smtpUrl: stored.smtpUrl, from: stored.from, passwordSet: stored.passwordSet, updatedAt: iso(stored.updatedAt), updatedBy: stored.updatedBy, counts };
  };

  app.get('/settings/mail', { schema: { response: { 200: MailSettingsViewSchema } } }, view);

  app.put('/settings/mail', { schema: { body: MailSettingsChangeSchema, response: { 200: MailSettingsViewSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    if (store.mail.environment !== null) throw conflict('mail is configured by DESKSIDE_SMTP_URL on the server; change it there');
    const { smtpUrl, from, password } = request.body;
    try {
      parseSmtpConfig(smtpUrl, from, null);
    } catch (err) {
      if (err instanceof SmtpConfigError) throw badRequest(err.message);
      throw err;
    }
    const parsed = new URL(smtpUrl);
    // A password typed into the URL is moved to the password row: the URL is shown, the password never.
    const inlinePassword = parsed.password === '' ? undefined : decodeURIComponent(parsed.password);
    const before = await store.mailSettings.get();
    await store.mailSettings.set({ smtpUrl: safeSmtpUrl(smtpUrl), from, ...(inlinePassword !== undefined ? { password: inlinePassword } : password !== undefined ? { password } : {}) }, t.displayName);
    store.mail.forget();
    const passwordChange = inlinePassword !== undefined || typeof password === 'string' ? 'changed' : password === null ? 'removed' : 'kept';
    await store.audit.record(
      {
        actor: { kind: 'technician', id: t.id, name: t.displayName },
        action: 'settings.update',
        target: { kind: 'settings', id: 'mail' },
        details: { before: before === null ? null : { smtpUrl: before.smtpUrl, from: before.from }, after: { smtpUrl: safeSmtpUrl(smtpUrl), from }, password: passwordChange },
        ip: request.ip,
      },
      store.clock(),
    );
    return view();
  });

  app.post('/settings/mail/test', { schema: { body: MailTestSchema, response: { 200: MailTestResultSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const current = await store.mail.current();
    if (current === null) throw conflict('mail is not configured: set DESKSIDE_SMTP_URL and DESKSIDE_MAIL_FROM, or save the SMTP settings first');
    const sender = new SmtpSender();
    const content = testMail(request.body.to, t.displayName, current.config.from);
    let result: { ok: boolean; response: string | null; error: string | null };
    try {
      const response = await sender.send(current.config, { ...content, to: request.body.to, messageId: messageIdFor(`test-${Date.now()}`, current.config.from), headers: { 'Auto-Submitted': 'auto-generated', 'X-Deskside-Topic': 'test' } });
      result = { ok: true, response, error: null };
    } catch (err) {
      const e = err as { message?: string; response?: string | null };
      result = { ok: false, response: e.response ?? null, error: e.message ?? String(err) };
    } finally {
      sender.close();
    }
    await store.audit.record(
      { actor: { kind: 'technician', id: t.id, name: t.displayName }, action: 'mail.test', target: { kind: 'settings', id: 'mail' }, details: { to: request.body.to, ok: result.ok }, ip: request.ip },
      store.clock(),
    );
    return result;
  });

  app.get('/settings/mail/outbox', { schema: { querystring: MailOutboxQuerySchema, response: { 200: MailOutboxSchema } } }, async (request) => {
    const jobs = await store.outbound.list({ kind: MAIL_KIND, ...(request.query.status !== undefined ? { statuses: [request.query.status] } : {}), limit: OUTBOX_LIMIT });
    return { items: jobs.map(outboxItem).filter((i): i is MailOutboxItem => i !== null) };
  });

  app.post('/settings/mail/outbox/:id/retry', { schema: { params: IdParamsSchema, response: { 200: MailOutboxSchema.shape.items.element, 204: z.null() } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const job = await store.outbound.get(request.params.id);
    if (job === null || job.kind !== MAIL_KIND) throw notFound('mail');
    if (!(await store.outbound.retry(job.id))) throw conflict('only a failed or dead mail can be retried');
    await store.audit.record({ actor: { kind: 'technician', id: t.id, name: t.displayName }, action: 'mail.retry', target: { kind: 'settings', id: 'mail' }, details: { mailId: job.id, attempts: job.attempts, lastError: job.lastError }, ip: request.ip }, store.clock());
    const item = outboxItem((await store.outbound.get(job.id))!);
    if (item === null) throw notFound('mail');
    return item;
  });
};
