import { randomUUID } from 'node:crypto';

import {
  AGENT_API_BASE,
  CONSOLE_API_BASE,
  type ArticleDetail,
  type ArticleDraft,
  type ArticlePage,
  type AuditPage,
  type DeviceArticleList,
  type KbReport,
  type SynonymGroup,
  type TicketArticles,
} from '@deskside/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DATABASES, createHarness, enroll, fileTicket, json, technician, ticketSubmission, type EnrolledDevice, type Harness, type Session } from './helpers/harness.js';

const api = (path: string) => `${CONSOLE_API_BASE}${path}`;

const printerArticle = {
  texts: [
    { locale: 'en', title: 'Printer offline', body: 'Turn it **off** and on again.' },
    { locale: 'zh-CN', title: '打印机脱机', body: '关闭打印机后重新打开。' },
  ],
  category: 'Printing',
  tags: ['Printer', 'floor-3'],
  visibility: 'everyone',
  status: 'published',
} as const;

describe.each(DATABASES)('knowledge base API on %s', (kind) => {
  let h: Harness;
  let admin: Session;
  let tech: Session;
  let device: EnrolledDevice;
  beforeEach(async () => {
    h = await createHarness(kind);
    admin = await technician(h, 'root', 'admin');
    tech = await technician(h, 'tina');
    device = await enroll(h);
  }, 30_000);
  afterEach(async () => {
    await h.close();
  }, 30_000);

  const get = (s: Session, path: string) => h.app.inject({ method: 'GET', url: api(path), headers: s.headers });
  const send = (s: Session, method: 'POST' | 'PUT' | 'DELETE', path: string, payload?: object) =>
    h.app.inject({ method, url: api(path), headers: { ...s.headers, 'x-deskside-console': '1' }, ...(payload === undefined ? {} : { payload }) });
  const create = async (payload: object = printerArticle) => {
    const res = await send(tech, 'POST', '/kb/articles', payload);
    expect(res.statusCode, res.body).toBe(201);
    return json(res) as ArticleDetail;
  };
  const deviceSearch = async (q: string) => {
    const res = await h.app.inject({ method: 'GET', url: `${AGENT_API_BASE}/articles?q=${encodeURIComponent(q)}`, headers: device.auth });
    expect(res.statusCode, res.body).toBe(200);
    return json(res) as DeviceArticleList;
  };

  it('creates an article with both languages, lower-cased tags, a first revision and an audit entry', async () => {
    const created = await create();
    expect(created.article).toMatchObject({ category: 'Printing', tags: ['printer', 'floor-3'], revision: 1, visibility: 'everyone', status: 'published', updatedBy: 'TINA' });
    expect(created.article.texts.map((t) => t.locale)).toEqual(['en', 'zh-CN']);
    expect(created.revisions).toEqual([expect.objectContaining({ revision: 1, authorName: 'TINA', technicianId: tech.id, changes: ['created'] })]);
    const audit = json(await get(admin, `/audit?targetKind=article&targetId=${created.article.id}`)) as AuditPage;
    expect(audit.items.map((e) => e.action)).toEqual(['article.create']);
  });

  it('refuses invalid articles with a message that says what is wrong', async () => {
    const noText = await send(tech, 'POST', '/kb/articles', { ...printerArticle, texts: [] });
    expect(noText.statusCode).toBe(400);
    expect(noText.body).toContain('an article needs an English or a Chinese version');
    const twice = await send(tech, 'POST', '/kb/articles', { ...printerArticle, texts: [printerArticle.texts[0], printerArticle.texts[0]] });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('one version per language');
    const badLocale = await send(tech, 'POST', '/kb/articles', { ...printerArticle, texts: [{ locale: 'fr', title: 'x', body: '' }] });
    expect(badLocale.statusCode).toBe(400);
    const unknownTicket = await send(tech, 'POST', '/kb/articles', { ...printerArticle, sourceTicketId: randomUUID() });
    expect(unknownTicket.statusCode).toBe(400);
    expect(unknownTicket.body).toContain('sourceTicketId names no ticket');
  });

  it('records who changed what in each revision and refuses a save based on an old revision', async () => {
    const created = await create();
    const id = created.article.id;
    const edit = { ...printerArticle, texts: [{ ...printerArticle.texts[0], body: 'Check the cable.' }, printerArticle.texts[1]], status: 'draft', revision: 1 };
    const saved = await h.app.inject({ method: 'PUT', url: api(`/kb/articles/${id}`), headers: admin.headers, payload: edit });
    expect(saved.statusCode, saved.body).toBe(200);
    const detail = json(saved) as ArticleDetail;
    expect(detail.article.revision).toBe(2);
    expect(detail.revisions[0]).toMatchObject({ revision: 2, authorName: 'ROOT', changes: ['body.en', 'status'] });
    expect(detail.revisions[1]?.texts[0]?.body).toBe('Turn it **off** and on again.');
    const stale = await h.app.inject({ method: 'PUT', url: api(`/kb/articles/${id}`), headers: tech.headers, payload: { ...edit, status: 'published' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('changed by someone else');
    // Drafts leave the users' search at once.
    expect((await deviceSearch('printer')).articles).toEqual([]);
  });

  it('prefills a draft from a resolved ticket only, links it on creation and lists it on the ticket', async () => {
    const filed = await fileTicket(h, device, ticketSubmission({ subject: '打印机连不上', description: '三楼打印机无法打印', locale: 'zh-CN' }));
    const ticketId = (json(filed) as { id: string }).id;
    const early = await get(tech, `/kb/article-draft?ticketId=${ticketId}`);
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('only a resolved or closed ticket');
    await send(tech, 'POST', `/tickets/${ticketId}/messages`, { body: '已重新添加打印机。', visibility: 'public', status: 'resolved' });
    await send(tech, 'POST', `/tickets/${ticketId}/messages`, { body: 'internal: driver was stale', visibility: 'internal' });
    const draft = json(await get(tech, `/kb/article-draft?ticketId=${ticketId}`)) as ArticleDraft;
    expect(draft.texts).toEqual([{ locale: 'zh-CN', title: '打印机连不上', body: '## 问题\n\n三楼打印机无法打印\n\n## 解决方法\n\n已重新添加打印机。' }]);
    expect(draft.sourceTicketId).toBe(ticketId);
    const article = await create({ ...draft, visibility: 'everyone', status: 'published' });
    expect(article.sourceTicket).toMatchObject({ id: ticketId, subject: '打印机连不上' });
    expect(article.linkedTickets.map((t) => t.id)).toEqual([ticketId]);
    const onTicket = json(await get(tech, `/tickets/${ticketId}/articles`)) as TicketArticles;
    expect(onTicket.items.map((a) => a.id)).toEqual([article.article.id]);
    expect((await get(tech, `/kb/article-draft?ticketId=${randomUUID()}`)).statusCode).toBe(404);
  });

  it('links and unlinks articles on tickets, audited, and counts links as use', async () => {
    const article = await create();
    const ticketId = (json(await fileTicket(h, device, ticketSubmission())) as { id: string }).id;
    const linked = await send(tech, 'POST', `/tickets/${ticketId}/articles`, { articleId: article.article.id });
    expect(linked.statusCode, linked.body).toBe(200);
    expect((json(linked) as TicketArticles).items[0]?.usage.linkedTickets).toBe(1);
    // Inserting the same article twice links once.
    await send(tech, 'POST', `/tickets/${ticketId}/articles`, { articleId: article.article.id });
    expect((json(await get(tech, `/tickets/${ticketId}/articles`)) as TicketArticles).items).toHaveLength(1);
    expect((await send(tech, 'POST', `/tickets/${ticketId}/articles`, { articleId: randomUUID() })).statusCode).toBe(400);
    expect((await send(tech, 'POST', `/tickets/${randomUUID()}/articles`, { articleId: article.article.id })).statusCode).toBe(404);
    const unlinked = await send(tech, 'DELETE', `/tickets/${ticketId}/articles/${article.article.id}`);
    expect((json(unlinked) as TicketArticles).items).toEqual([]);
    expect((await send(tech, 'DELETE', `/tickets/${ticketId}/articles/${article.article.id}`)).statusCode).toBe(404);
    const audit = json(await get(admin, `/audit?targetKind=ticket&targetId=${ticketId}`)) as AuditPage;
    expect(audit.items.map((e) => e.action)).toEqual(expect.arrayContaining(['ticket.article-link', 'ticket.article-unlink']));
  });

  it('lists, filters and searches articles for technicians, drafts and internal ones included', async () => {
    await create();
    await create({ ...printerArticle, texts: [{ locale: 'en', title: 'Internal: reset the spooler', body: 'printer spooler' }], visibility: 'technicians', tags: ['internal'] });
    await create({ ...printerArticle, texts: [{ locale: 'en', title: 'VPN', body: 'connect' }], category: 'Network', tags: [], status: 'draft' });
    const all = json(await get(tech, '/kb/articles')) as ArticlePage;
    expect(all.total).toBe(3);
    expect(all.categories).toEqual(['Network', 'Printing']);
    expect((json(await get(tech, '/kb/articles?status=draft')) as ArticlePage).items.map((a) => a.texts[0]?.title)).toEqual(['VPN']);
    expect((json(await get(tech, '/kb/articles?tag=internal')) as ArticlePage).total).toBe(1);
    expect((json(await get(tech, '/kb/articles?category=Network')) as ArticlePage).total).toBe(1);
    const searched = json(await get(tech, '/kb/articles?q=printer&visibility=technicians')) as ArticlePage;
    expect(searched.items.map((a) => a.texts[0]?.title)).toEqual(['Internal: reset the spooler']);
    expect((await get(tech, '/kb/articles?pageSize=1000')).statusCode).toBe(400);
  });

  it('lets technicians define synonyms, audited, that search uses at once', async () => {
    await create({ ...printerArticle, texts: [{ locale: 'en', title: 'Wireless network', body: 'Forget the network and join again.' }], tags: [] });
    expect((await deviceSearch('wifi')).articles).toEqual([]);
    const created = await send(tech, 'POST', '/kb/synonyms', { terms: ['wifi', 'wireless', '无线'] });
    expect(created.statusCode, created.body).toBe(201);
    const group = json(created) as SynonymGroup;
    expect((await deviceSearch('wifi')).articles.map((a) => a.title)).toEqual(['Wireless network']);
    expect((await deviceSearch('无线')).articles.map((a) => a.title)).toEqual(['Wireless network']);
    expect((await send(tech, 'POST', '/kb/synonyms', { terms: ['wifi'] })).body).toContain('at least two words');
    expect((await send(tech, 'POST', '/kb/synonyms', { terms: ['wifi', 'WiFi'] })).body).toContain('each word once');
    const updated = await send(tech, 'PUT', `/kb/synonyms/${group.id}`, { terms: ['wlan', 'wireless'] });
    expect((json(updated) as SynonymGroup).terms).toEqual(['wlan', 'wireless']);
    expect((await deviceSearch('wifi')).articles).toEqual([]);
    expect((await deviceSearch('wlan')).articles.map((a) => a.title)).toEqual(['Wireless network']);
    expect((await send(tech, 'DELETE', `/kb/synonyms/${group.id}`)).statusCode).toBe(200);
    // The searches cache the groups for a few seconds; this instance's own changes show at once.
    expect((await deviceSearch('wlan')).articles).toEqual([]);
    expect((await send(tech, 'DELETE', `/kb/synonyms/${group.id}`)).statusCode).toBe(404);
    const audit = json(await get(admin, `/audit?targetKind=kb-synonym&targetId=${group.id}`)) as AuditPage;
    expect(audit.items.map((e) => e.action).sort()).toEqual(['kb-synonym.create', 'kb-synonym.delete', 'kb-synonym.update']);
  });

  it('counts "This solved it" once per client id and reports deflection, unanswered searches and top articles', async () => {
    const article = await create();
    await fileTicket(h, device, ticketSubmission());
    await deviceSearch('printer');
    await deviceSearch('Quantum  Entanglement');
    await deviceSearch('quantum entanglement');
    // Suggestions while typing are not counted.
    await h.app.inject({ method: 'GET', url: `${AGENT_API_BASE}/articles?q=zzz&record=false`, headers: device.auth });
    const feedback = { id: randomUUID(), articleId: article.article.id, outcome: 'solved', query: 'printer', at: '2026-11-01T09:00:00.000Z' };
    const first = await h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/articles/feedback`, headers: device.auth, payload: feedback });
    expect(json(first)).toEqual({ id: feedback.id, duplicate: false });
    const retry = await h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/articles/feedback`, headers: device.auth, payload: feedback });
    expect(json(retry)).toEqual({ id: feedback.id, duplicate: true });
    const gone = await h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/articles/feedback`, headers: device.auth, payload: { ...feedback, id: randomUUID(), articleId: randomUUID() } });
    expect(gone.statusCode).toBe(400);
    const report = json(await get(tech, '/kb/report?days=7')) as KbReport;
    expect(report).toMatchObject({ deflected: 1, ticketsFiled: 1, deflectionRate: 0.5, searches: 3 });
    expect(report.unanswered).toEqual([expect.objectContaining({ query: 'quantum entanglement', count: 2 })]);
    expect(report.topArticles).toEqual([{ id: article.article.id, title: 'Printer offline', solved: 1, linkedTickets: 0 }]);
    expect((await get(tech, '/kb/report?days=0')).statusCode).toBe(400);
  });

  it('gives devices every public article without a query, for their offline copy', async () => {
    await create();
    await create({ ...printerArticle, texts: [{ locale: 'en', title: 'Secret', body: 'x' }], visibility: 'technicians' });
    const res = await h.app.inject({ method: 'GET', url: `${AGENT_API_BASE}/articles?locale=zh-CN`, headers: device.auth });
    const list = json(res) as DeviceArticleList;
    expect(list.query).toBeNull();
    expect(list.articles.map((a) => a.title)).toEqual(['打印机脱机']);
    expect((await h.app.inject({ method: 'GET', url: `${AGENT_API_BASE}/articles?locale=fr`, headers: device.auth })).statusCode).toBe(400);
    expect((await h.app.inject({ method: 'GET', url: `${AGENT_API_BASE}/articles` })).statusCode).toBe(401);
  });

  it('lets only administrators delete an article, audited', async () => {
    const article = await create();
    const refused = await send(tech, 'DELETE', `/kb/articles/${article.article.id}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('needs an administrator');
    expect((await send(admin, 'DELETE', `/kb/articles/${article.article.id}`)).statusCode).toBe(200);
    expect((await get(tech, `/kb/articles/${article.article.id}`)).statusCode).toBe(404);
    expect((await deviceSearch('printer')).articles).toEqual([]);
    const audit = json(await get(admin, `/audit?action=article.delete`)) as AuditPage;
    expect(audit.items[0]?.details).toEqual({ title: 'Printer offline' });
  });
});
