/**
 * Child process for the crash tests, run with jiti so it executes the real TypeScript sources.
 *   write <outboxDir> <count>   queue tickets with a 512 KiB attachment; prints "queued <id>" after each
 *   flush <outboxDir> <serverUrl> <credential>   deliver everything; prints "done"
 */
import { randomBytes, randomUUID } from 'node:crypto';

import { flushOutbox } from '../../../agent/outbox/delivery.js';
import { Outbox } from '../../../agent/outbox/outbox.js';
import { DeviceApi } from '../../../agent/transport/device-api.js';
import { UndiciTransport } from '../../../agent/transport/undici-transport.js';
import { childTicket } from './child-ticket.js';

const [mode, dir, ...rest] = process.argv.slice(2);
const outbox = await Outbox.open(dir ?? '');
const caps = { maxBytes: 1024 * 1024 * 1024, maxAgeMs: 86_400_000 };

if (mode === 'write') {
  const count = Number(rest[0] ?? '10');
  for (let i = 0; i < count; i += 1) {
    const bytes = randomBytes(512 * 1024);
    const { ticket, attachment } = childTicket(randomUUID(), bytes);
    await outbox.enqueue({ id: ticket.id, kind: 'ticket', label: `ticket ${i}`, body: JSON.stringify(ticket), attachments: [attachment] }, caps);
    process.stdout.write(`queued ${ticket.id}\n`);
  }
  process.stdout.write('done\n');
} else if (mode === 'flush') {
  const [serverUrl = '', credential = ''] = rest;
  const transport = new UndiciTransport();
  const api = new DeviceApi({ transport, serverUrl, allowInsecureHttp: false, agentVersion: '0.1.0', credential });
  const result = await flushOutbox(outbox, api, {
    now: () => new Date(),
    random: Math.random,
    ignoreBackoff: true,
    onDelivered: (item) => void process.stdout.write(`delivered ${item.id}\n`),
  });
  await transport.close();
  process.stdout.write(`done ${result.delivered.length}\n`);
}
