import { createHash } from 'node:crypto';

import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import type { RequesterLinkAction } from '../mail/requester-links.js';
import { linkPage, type LinkPage } from '../mail/templates/link-pages.js';
import { FeedbackNotApplicableError } from '../storage/ticket-loop-repo.js';
import { TicketClosedError } from '../storage/tickets-repo.js';
import type { RouteDeps } from './deps.js';

/** Where a requester's mail links point: `/mail-links/<token>`. */
export const MAIL_LINKS_PATH = '/mail-links';

const ParamsSchema = z.object({ token: z.string().max(64) });
const FormSchema = z.object({ details: z.string().max(4_000).optional() }).nullish();

const DEFAULT_STILL_BROKEN = { en: 'Still broken (answered from the link in the mail).', 'zh-CN': '问题仍然存在（通过邮件中的链接答复）。' } as const;

/** The same token always makes the same feedback id, so a repeated POST is the tray's retried answer: applied once. */
function feedbackIdOf(token: string): string {
  const h = createHash('sha256').update(`mail-link:${token}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function send(reply: FastifyReply, status: number, page: LinkPage) {
  return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(linkPage(page));
}

/**
 * The requester's "it is fixed" / "still broken" links, without signing in: the GET shows the question,
 * the POST answers it as the tray would (through the same ticket loop), then spends the link.
 */
export const mailLinkRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 32 * 1024 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  const find = async (token: string) => {
    const link = await store.requesterLinks.look(token);
    if (link === null) return { link: null, ticket: null } as const;
    const ticket = await store.tickets.row(link.ticketId);
    return { link, ticket } as const;
  };

  app.get(`${MAIL_LINKS_PATH}/:token`, { schema: { params: ParamsSchema, hide: true } }, async (request, reply) => {
    const { link, ticket } = await find(request.params.token);
    if (link === null || ticket === null) return send(reply, 404, { state: 'invalid', locale: 'en', action: null, ticketNumber: null });
    const base = { locale: link.locale, action: link.action, ticketNumber: ticket.number };
    if (link.state !== 'ready') return send(reply, 410, { ...base, state: link.state });
    if (ticket.status !== 'resolved') return send(reply, 409, { ...base, state: 'not-waiting' });
    return send(reply, 200, { ...base, state: 'ask' });
  });

  app.post(`${MAIL_LINKS_PATH}/:token`, { schema: { params: ParamsSchema, body: FormSchema, hide: true } }, async (request, reply) => {
    const token = request.params.token;
    const { link, ticket } = await find(token);
    if (link === null || ticket === null) return send(reply, 404, { state: 'invalid', locale: 'en', action: null, ticketNumber: null });
    const base = { locale: link.locale, action: link.action, ticketNumber: ticket.number };
    if (link.state !== 'ready') return send(reply, 410, { ...base, state: link.state });
    const action: RequesterLinkAction = link.action;
    const details = request.body?.details?.trim() ?? '';
    const createdAt = new Date(store.clock()).toISOString();
    let status: { before: string; after: string } | null;
    try {
      // The link itself proves the requester (single-use, expiring, stored hashed).
      const outcome = await store.loop.feedback(
        null,
        ticket.id,
        action === 'confirm' ? { id: feedbackIdOf(token), kind: 'confirm', createdAt } : { id: feedbackIdOf(token), kind: 'still-broken', body: details === '' ? DEFAULT_STILL_BROKEN[link.locale] : details, createdAt },
        null,
      );
      status = outcome?.status ?? null;
    } catch (err) {
      if (err instanceof FeedbackNotApplicableError || err instanceof TicketClosedError) return send(reply, 409, { ...base, state: 'not-waiting' });
      throw err;
    }
    // Spent only once the answer is in: a crash between leaves a link whose retry is the same answer.
    const spent = await store.db.transaction().execute((trx) => store.requesterLinks.use(trx, token));
    if (spent) {
      await store.audit.record(
        { actor: { kind: 'system', id: null, name: 'mail link' }, action: `ticket.requester-${action}`, target: { kind: 'ticket', id: ticket.id }, details: { via: 'mail-link', ...(status === null ? {} : { status }) }, ip: request.ip },
        store.clock(),
      );
    }
    return send(reply, 200, { ...base, state: 'done' });
  });
};
