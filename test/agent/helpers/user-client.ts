/**
 * What one signed-in user does, run as that user (runuser) by the multi-user tests: the tray core and
 * the agent client talk to the service's endpoint exactly as the tray app would. Prints one JSON line.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createAgent } from '../../../agent/agent.js';
import { EndpointClient } from '../../../agent/endpoint/endpoint-client.js';
import { handOverQueue } from '../../../agent/endpoint/handover.js';
import { ServiceAgent } from '../../../agent/endpoint/service-agent.js';
import { TrayCore } from '../../../main/core/tray-core.js';
import { parseTrayPolicy } from '../../../main/policy/tray-policy.js';
import { TraySettings, memoryStore } from '../../../main/settings/tray-settings.js';

const [action = '', ...args] = process.argv.slice(2);
const socket = process.env.DESKSIDE_AGENT_SOCKET ?? '';
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function service(): { agent: ServiceAgent; client: EndpointClient } {
  const client = new EndpointClient(socket, 'linux');
  return { agent: new ServiceAgent({ client, serviceWaitMs: 90_000 }), client };
}

async function trayCore(agent: ServiceAgent): Promise<TrayCore> {
  return new TrayCore({
    agent,
    host: {
      productName: 'Deskside',
      appVersion: '0.1.0',
      versions: { electron: '45.5.0', chrome: '142', node: process.versions.node },
      os: 'Linux',
      platform: 'linux',
      identity: () => ({ computerName: 'test', userName: 'user', ipAddresses: [] }),
      osLanguages: () => ['en-GB'],
    },
    screens: { captured: () => [] },
    healthSource: { latest: async () => null },
    settings: new TraySettings(memoryStore()),
    policy: () => parseTrayPolicy({}).policy,
    windows: { open: () => undefined, close: () => undefined },
    events: { emit: () => undefined },
    notifier: { show: () => undefined },
    network: { isUp: () => true },
    loginItem: { apply: () => undefined },
    downloads: { folder: () => tmpdir(), reveal: () => undefined },
    links: { open: async () => undefined },
    attachmentsDir: await mkdtemp(join(tmpdir(), 'deskside-tray-')),
    log: quiet,
  });
}

const ctx = { webContentsId: 1 };

switch (action) {
  case 'tray-ticket': {
    const { agent, client } = service();
    const core = await trayCore(agent);
    const result = await core.handlers['report:submit'](ctx, {
      id: args[1] ?? randomUUID(),
      subject: args[0] ?? 'subject',
      description: 'filed from the tray',
      category: 'other',
      urgency: 'medium',
      impact: 'me',
      contact: { name: null, email: null, phone: null },
      attachments: [{ name: 'note.txt', type: 'text/plain', role: 'file', dataBase64: Buffer.from('hello').toString('base64') }],
      diagnostics: null,
      locale: 'en-GB',
    });
    const list = await core.handlers['tickets:list'](ctx);
    print({ result, account: client.caller, tickets: list.tickets.map((t) => t.ticket.id), pending: list.pending.map((p) => p.id) });
    await agent.stop();
    break;
  }
  case 'tickets': {
    const { agent } = service();
    print({ tickets: (await agent.listTickets({ refresh: true })).map((t) => t.id) });
    break;
  }
  case 'status': {
    const { agent } = service();
    const s = await agent.status();
    print({ outbox: s.outbox.map((o) => o.id), service: s.service, enrollSecret: s.settings.values.enrollSecret });
    break;
  }
  case 'user-scope': {
    const { agent } = service();
    print(await agent.reportUserScope());
    break;
  }
  case 'reply': {
    const { agent } = service();
    try {
      print({ ok: true, result: await agent.addComment(args[0] ?? '', 'a reply') });
    } catch (e) {
      print({ ok: false, name: (e as Error).name, message: (e as Error).message });
    }
    break;
  }
  case 'embedded-ticket': {
    // The tray before any service: its own agent, not enrolled, the ticket waits in its own outbox.
    const agent = await createAgent({ dataDir: args[0] ?? '', policy: { description: 'none', read: async () => ({}) } });
    const submitted = await agent.submitTicket({ subject: args[1] ?? 'queued before the service', description: 'offline', diagnostics: false });
    await agent.stop();
    print(submitted);
    break;
  }
  case 'handover': {
    const { client } = service();
    print(await handOverQueue({ embeddedDataDir: args[0] ?? '', client }));
    break;
  }
  default:
    throw new Error(`unknown action ${action}`);
}
