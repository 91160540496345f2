import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';

import type { Caller } from './caller.js';
import type { AudiencedEvent, CallOutcome, EndpointOp, FromWorker, ToWorker } from './endpoint-protocol.js';
import type { EndpointBackend } from './endpoint-server.js';

export interface WorkerHostOptions {
  /** argv that starts `deskside-agent` with the global options, before the command word. */
  readonly command: readonly string[];
  /** The worker stops after this long without a call or round (its memory goes back to the OS). */
  readonly idleMs: number;
  /** Resolves when no round runs as its own process; the worker must not share the data folder with one. */
  readonly roundFinished: () => Promise<void>;
  readonly onEvent: (event: AudiencedEvent) => void;
  readonly log: (line: string) => void;
  /** A call that takes longer than this fails (a stuck collector must not hang a user's tray). */
  readonly callTimeoutMs?: number;
}

type Pending = { resolve: (o: CallOutcome) => void; timer: NodeJS.Timeout };

const failed = (message: string): CallOutcome => ({ ok: false, error: { status: 503, code: 'service-busy', name: 'Error', message } });

/**
 * Starts the agent core in a worker process when a user of the machine needs it, forwards calls and
 * rounds to it, and stops it when idle. The service process itself never loads the core.
 */
export class WorkerHost implements EndpointBackend {
  #child: ChildProcess | null = null;
  #ready: Promise<ChildProcess> | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  #idleTimer: NodeJS.Timeout | null = null;
  #stopping = false;
  /** A worker told to exit: the next one starts only after it has gone. */
  #exiting: Promise<void> = Promise.resolve();

  constructor(private readonly options: WorkerHostOptions) {}

  /** True while a worker runs (or starts): rounds go to it instead of a process of their own. */
  get active(): boolean {
    return this.#ready !== null;
  }

  call(op: EndpointOp, caller: Caller, input: unknown): Promise<CallOutcome> {
    return this.#send((id) => ({ t: 'call', id, op, caller: { id: caller.id, name: caller.name, admin: caller.admin }, input }));
  }

  /** One round of the schedule in the running worker. */
  async round(reason: string): Promise<boolean> {
    const outcome = await this.#send((id) => ({ t: 'round', id, reason }), 900_000);
    if (!outcome.ok) this.options.log(`round "${reason}" failed: ${outcome.error.message}`);
    return outcome.ok;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#shutdown();
  }

  async #send(build: (id: number) => ToWorker, timeoutMs = this.options.callTimeoutMs ?? 300_000): Promise<CallOutcome> {
    if (this.#stopping) return failed('the Deskside service is stopping');
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    let child: ChildProcess;
    try {
      child = await this.#start();
    } catch (e) {
      return failed(`the Deskside service could not start its worker: ${(e as Error).message}`);
    }
    const id = this.#nextId++;
    return new Promise<CallOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        resolve(failed('the Deskside service took too long to answer'));
        this.#armIdle();
      }, timeoutMs);
      this.#pending.set(id, {
        resolve: (o) => {
          resolve(o);
          this.#armIdle();
        },
        timer,
      });
      child.send(build(id));
    });
  }

  #start(): Promise<ChildProcess> {
    if (this.#ready) return this.#ready;
    this.#ready = (async () => {
      await this.#exiting;
      await this.options.roundFinished();
      const [command, ...args] = this.options.command;
      const child = spawn(command ?? process.execPath, [...args, 'worker'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      this.#child = child;
      child.on('message', (raw) => this.#onMessage(raw as FromWorker));
      child.on('exit', (code, signal) => this.#onExit(child, code, signal));
      await new Promise<void>((resolve, reject) => {
        const onMessage = (raw: unknown) => {
          if ((raw as FromWorker).t !== 'ready') return;
          child.off('message', onMessage);
          resolve();
        };
        child.on('message', onMessage);
        child.once('error', reject);
        child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
      });
      return child;
    })();
    this.#ready.catch(() => (this.#ready = null));
    return this.#ready;
  }

  #onMessage(message: FromWorker): void {
    switch (message.t) {
      case 'result': {
        const pending = this.#pending.get(message.id);
        if (!pending) return;
        this.#pending.delete(message.id);
        clearTimeout(pending.timer);
        pending.resolve(message.outcome);
        break;
      }
      case 'event':
        this.options.onEvent({ audience: message.audience, event: message.event });
        break;
      case 'ready':
        break;
    }
  }

  #onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.#child !== child) return;
    this.#child = null;
    this.#ready = null;
    if (!this.#stopping && (code !== 0 || signal !== null)) this.options.log(`worker ended with ${signal ?? `exit code ${code}`}`);
    // Whatever it was doing is answered: the client keeps the user's text and may try again.
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.resolve(failed('the Deskside service worker stopped before answering; try again'));
      this.#pending.delete(id);
    }
  }

  #armIdle(): void {
    if (this.#pending.size > 0 || this.#stopping) return;
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => void this.#shutdown(), this.options.idleMs);
    this.#idleTimer.unref();
  }

  async #shutdown(): Promise<void> {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    const child = this.#child;
    if (!child || this.#pending.size > 0) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // From here on, calls wait for a new worker instead of reaching this one.
    this.#child = null;
    this.#ready = null;
    this.#exiting = exited;
    child.send({ t: 'exit' } satisfies ToWorker);
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(kill);
  }
}
