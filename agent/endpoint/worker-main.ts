import type { AgentInstance } from '../agent.js';
import { AccountRecords } from './account-records.js';
import { createCallHandler } from './call-handler.js';
import type { FromWorker, ToWorker } from './endpoint-protocol.js';
import { uploadsDirOf } from './endpoint-server.js';
import { audienceOf } from './event-audience.js';

/**
 * The service's worker: the agent core kept loaded while the machine's users need it. It answers the
 * endpoint's calls and runs the schedule's rounds that fall meanwhile, one process for both, so the
 * service never has two processes writing one data folder. It exits when the service says so (idle),
 * or when the service dies (the IPC channel closes).
 */
export async function serveWorker(agent: AgentInstance): Promise<void> {
  const send = (message: FromWorker) => process.send?.(message);
  const records = new AccountRecords(agent.dataDir);
  await records.load();
  const handle = createCallHandler({ agent, records, uploadsDir: uploadsDirOf(agent.dataDir) });
  const unsubscribe = agent.onEvent((event) => send({ t: 'event', ...audienceOf(event, records) }));
  await new Promise<void>((resolve) => {
    process.on('disconnect', () => resolve());
    process.on('message', (raw) => {
      const message = raw as ToWorker;
      switch (message.t) {
        case 'call':
          void handle(message.op, message.caller, message.input).then((outcome) => send({ t: 'result', id: message.id, outcome }));
          break;
        case 'round':
          void agent
            .runDue(message.reason, message.reason !== 'schedule')
            .then(
              (value) => ({ ok: true as const, value }),
              (e: unknown) => ({ ok: false as const, error: { status: 500, code: 'failed', name: 'Error', message: (e as Error).message } }),
            )
            .then((outcome) => send({ t: 'result', id: message.id, outcome }));
          break;
        case 'exit':
          resolve();
          break;
      }
    });
    send({ t: 'ready' });
  });
  unsubscribe();
}

/** A round started by the service as its own short process forwards the core's events the same way. */
export async function forwardRoundEvents(agent: AgentInstance): Promise<() => void> {
  if (!process.send) return () => undefined;
  const records = new AccountRecords(agent.dataDir);
  await records.load();
  return agent.onEvent((event) => process.send?.({ t: 'event', ...audienceOf(event, records) } satisfies FromWorker));
}
