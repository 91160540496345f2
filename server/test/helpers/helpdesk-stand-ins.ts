import { startReceiver, type Answer, type LoopbackReceiver, type ReceivedRequest } from './loopback-receiver.js';

/**
 * Loopback stand-ins for GLPI, Zammad and Jira Service Management that check each request as the
 * product's published REST API does (method, path, headers, authentication, body shape) and refuse
 * what the real one would refuse, in the product's own error shape. They keep what was created so a
 * test can look at it.
 */

const json = (status: number, body: unknown): Answer => ({ status, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const parse = (r: ReceivedRequest): Record<string, unknown> | null => {
  try {
    const v = JSON.parse(r.body) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};
const isJson = (r: ReceivedRequest) => String(r.headers['content-type'] ?? '').startsWith('application/json');
const inRange = (v: unknown, lo: number, hi: number) => typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;

export interface StandIn<T> {
  readonly url: string;
  readonly receiver: LoopbackReceiver;
  readonly state: T;
  close(): Promise<void>;
}

/* ───────────── GLPI (apirest.php) ───────────── */

export interface GlpiState {
  readonly tickets: Map<number, { input: Record<string, unknown>; followups: Record<string, unknown>[] }>;
  readonly sessions: Set<string>;
  killed: number;
}

export async function glpiStandIn(appToken: string, userToken: string): Promise<StandIn<GlpiState>> {
  const state: GlpiState = { tickets: new Map(), sessions: new Set(), killed: 0 };
  let nextId = 100;
  const receiver = await startReceiver((r) => {
    const [path] = r.path.split('?');
    if (!path!.startsWith('/apirest.php/')) return json(404, ['ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM', 'resource not found']);
    if (r.headers['app-token'] !== appToken) return json(400, ['ERROR_WRONG_APP_TOKEN_PARAMETER', 'missing or wrong App-Token']);
    const route = path!.slice('/apirest.php'.length);
    if (route === '/initSession') {
      if (r.method !== 'GET') return json(400, ['ERROR_METHOD_NOT_ALLOWED', 'initSession is GET']);
      if (r.headers.authorization !== `user_token ${userToken}`) return json(401, ['ERROR_GLPI_LOGIN_USER_TOKEN', 'parameter user_token seems invalid']);
      const token = `sess${state.sessions.size + state.killed + 1}`;
      state.sessions.add(token);
      return json(200, { session_token: token });
    }
    const session = String(r.headers['session-token'] ?? '');
    if (!state.sessions.has(session)) return json(401, ['ERROR_SESSION_TOKEN_INVALID', 'session_token seems invalid']);
    if (route === '/killSession' && r.method === 'GET') {
      state.sessions.delete(session);
      state.killed += 1;
      return json(200, null);
    }
    const body = parse(r);
    const input = body?.input;
    if (r.method !== 'GET' && (!isJson(r) || typeof input !== 'object' || input === null || Array.isArray(input))) return json(400, ['ERROR_BAD_ARRAY', 'input parameter must be an object']);
    const fields = input as Record<string, unknown>;
    if (route === '/Ticket' && r.method === 'POST') {
      if (typeof fields.name !== 'string' || fields.name === '' || typeof fields.content !== 'string') return json(400, ['ERROR_GLPI_ADD', 'name and content are required']);
      if (!inRange(fields.type, 1, 2) || !inRange(fields.urgency, 1, 5) || !inRange(fields.impact, 1, 5) || !inRange(fields.priority, 1, 6)) return json(400, ['ERROR_GLPI_ADD', 'type, urgency, impact or priority out of range']);
      const id = nextId++;
      state.tickets.set(id, { input: fields, followups: [] });
      return { ...json(201, { id, message: '' }), headers: { 'content-type': 'application/json', location: `/apirest.php/Ticket/${id}` } };
    }
    const put = /^\/Ticket\/(\d+)$/.exec(route);
    if (put && r.method === 'PUT') {
      const ticket = state.tickets.get(Number(put[1]));
      if (ticket === undefined) return json(404, ['ERROR_ITEM_NOT_FOUND', 'item not found']);
      if (!inRange(fields.status, 1, 6)) return json(400, ['ERROR_GLPI_UPDATE', 'status out of range']);
      ticket.input = { ...ticket.input, status: fields.status };
      return json(200, [{ [put[1]!]: true, message: '' }]);
    }
    if (route === '/ITILFollowup' && r.method === 'POST') {
      const ticket = typeof fields.items_id === 'number' ? state.tickets.get(fields.items_id) : undefined;
      if (fields.itemtype !== 'Ticket' || ticket === undefined) return json(400, ['ERROR_GLPI_ADD', 'itemtype Ticket and an existing items_id are required']);
      if (typeof fields.content !== 'string' || fields.content === '' || !inRange(fields.is_private, 0, 1)) return json(400, ['ERROR_GLPI_ADD', 'content and is_private are required']);
      ticket.followups.push(fields);
      return json(201, { id: ticket.followups.length, message: '' });
    }
    return json(400, ['ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM', `no ${r.method} ${route}`]);
  });
  return { url: receiver.url, receiver, state, close: () => receiver.close() };
}

/* ───────────── Zammad (/api/v1) ───────────── */

export interface ZammadState {
  readonly tickets: Map<number, { body: Record<string, unknown>; number: string; articles: Record<string, unknown>[]; state: string }>;
}

const ZAMMAD_STATES = ['new', 'open', 'pending reminder', 'pending close', 'closed'];
const ZAMMAD_PRIORITIES = ['1 low', '2 normal', '3 high'];

export async function zammadStandIn(token: string, groups: readonly string[]): Promise<StandIn<ZammadState>> {
  const state: ZammadState = { tickets: new Map() };
  let nextId = 1;
  const receiver = await startReceiver((r) => {
    if (r.headers.authorization !== `Token token=${token}`) return json(401, { error: 'authentication failed', error_human: 'Authentication failed!' });
    const body = parse(r);
    if (r.method !== 'GET' && (!isJson(r) || body === null)) return json(422, { error: 'Please provide a JSON body' });
    const b = body ?? {};
    if (r.path === '/api/v1/tickets' && r.method === 'POST') {
      const article = b.article as Record<string, unknown> | undefined;
      if (typeof b.title !== 'string' || b.title === '') return json(422, { error: 'title is missing' });
      if (typeof b.group !== 'string' || !groups.includes(b.group)) return json(422, { error: `No lookup value found for 'group': ${JSON.stringify(b.group)}` });
      if (!(typeof b.customer_id === 'number' || (typeof b.customer_id === 'string' && /^guess:[^@\s]+@[^@\s]+$/.test(b.customer_id)))) return json(422, { error: 'customer is missing' });
      if (b.priority !== undefined && !ZAMMAD_PRIORITIES.includes(String(b.priority))) return json(422, { error: `No lookup value found for 'priority'` });
      if (article === undefined || typeof article.body !== 'string' || typeof article.type !== 'string' || typeof article.internal !== 'boolean') return json(422, { error: 'article needs body, type and internal' });
      const id = nextId++;
      const number = String(31000 + id);
      state.tickets.set(id, { body: b, number, articles: [article], state: 'new' });
      return json(201, { id, number, title: b.title, group_id: groups.indexOf(b.group) + 1, state_id: 1 });
    }
    if (r.path === '/api/v1/ticket_articles' && r.method === 'POST') {
      const ticket = typeof b.ticket_id === 'number' ? state.tickets.get(b.ticket_id) : undefined;
      if (ticket === undefined) return json(422, { error: 'ticket_id is missing or unknown' });
      if (typeof b.body !== 'string' || b.body === '' || typeof b.type !== 'string' || typeof b.internal !== 'boolean') return json(422, { error: 'body, type and internal are required' });
      ticket.articles.push(b);
      return json(201, { id: ticket.articles.length, ticket_id: b.ticket_id });
    }
    const put = /^\/api\/v1\/tickets\/(\d+)$/.exec(r.path);
    if (put && r.method === 'PUT') {
      const ticket = state.tickets.get(Number(put[1]));
      if (ticket === undefined) return json(404, { error: "Couldn't find Ticket" });
      if (typeof b.state !== 'string' || !ZAMMAD_STATES.includes(b.state)) return json(422, { error: `No lookup value found for 'state'` });
      if (b.state.startsWith('pending') && b.pending_time === undefined) return json(422, { error: 'pending_time is required for pending states' });
      ticket.state = b.state;
      return json(200, { id: Number(put[1]), state: b.state });
    }
    return json(404, { error: `No route matches [${r.method}] ${r.path}` });
  });
  return { url: receiver.url, receiver, state, close: () => receiver.close() };
}

/* ───────────── Jira Service Management (/rest/servicedeskapi) ───────────── */

export interface JiraState {
  readonly requests: Map<string, { body: Record<string, unknown>; comments: Record<string, unknown>[] }>;
}

export async function jiraStandIn(email: string, apiToken: string, serviceDeskId: string, requestTypeId: string, fields: readonly string[] = ['summary', 'description']): Promise<StandIn<JiraState>> {
  const state: JiraState = { requests: new Map() };
  let next = 1;
  const expected = `Basic ${Buffer.from(`${email}:${apiToken}`).toString('base64')}`;
  const receiver = await startReceiver((r) => {
    if (r.headers.authorization !== expected) return json(401, { errorMessage: 'Client must be authenticated to access this resource.' });
    const body = parse(r);
    if (!isJson(r) || body === null) return json(415, { errorMessage: 'Unsupported Media Type' });
    if (r.path === '/rest/servicedeskapi/request' && r.method === 'POST') {
      if (body.serviceDeskId !== serviceDeskId) return json(404, { errorMessage: 'The service project does not exist.' });
      if (body.requestTypeId !== requestTypeId) return json(400, { errorMessage: 'The request type does not exist.' });
      const values = body.requestFieldValues as Record<string, unknown> | undefined;
      if (values === undefined || typeof values !== 'object') return json(400, { errorMessage: 'requestFieldValues is required' });
      const unknown = Object.keys(values).filter((k) => !fields.includes(k));
      if (unknown.length > 0) return json(400, { errorMessage: `Field '${unknown[0]}' cannot be set. It is not on the appropriate screen, or unknown.` });
      if (typeof values.summary !== 'string' || values.summary === '' || values.summary.length > 255) return json(400, { errorMessage: 'summary: You must specify a summary of the issue (at most 255 characters).' });
      const issueKey = `ITS-${next}`;
      const issueId = String(10_000 + next++);
      state.requests.set(issueKey, { body, comments: [] });
      return json(201, { issueId, issueKey, requestTypeId, serviceDeskId, _links: { web: `${receiver.url}/servicedesk/customer/portal/1/${issueKey}`, self: `${receiver.url}/rest/servicedeskapi/request/${issueId}` } });
    }
    const comment = /^\/rest\/servicedeskapi\/request\/([^/]+)\/comment$/.exec(r.path);
    if (comment && r.method === 'POST') {
      const key = decodeURIComponent(comment[1]!);
      const request = state.requests.get(key) ?? [...state.requests.values()].find((_v, i) => String(10_001 + i) === key);
      if (request === undefined) return json(404, { errorMessage: 'The request does not exist.' });
      if (typeof body.body !== 'string' || body.body === '' || typeof body.public !== 'boolean') return json(400, { errorMessage: 'body and public are required' });
      request.comments.push(body);
      return json(201, { id: String(request.comments.length), body: body.body, public: body.public });
    }
    return json(404, { errorMessage: `null for uri: ${r.path}` });
  });
  return { url: receiver.url, receiver, state, close: () => receiver.close() };
}
