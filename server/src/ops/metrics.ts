import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

import type { Store } from '../storage/store.js';

/** One registry per app instance so tests can build several apps in one process. */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'deskside_http_request_duration_seconds',
    help: 'HTTP request duration by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly checkins = new Counter({ name: 'deskside_checkins_total', help: 'Device check-ins', registers: [this.registry] });
  readonly enrollments = new Counter({ name: 'deskside_enrollments_total', help: 'Device enrollments', labelNames: ['result'] as const, registers: [this.registry] });
  readonly inventories = new Counter({
    name: 'deskside_inventory_uploads_total',
    help: 'Inventory uploads by kind and whether they were retries',
    labelNames: ['kind', 'duplicate'] as const,
    registers: [this.registry],
  });
  readonly tickets = new Counter({ name: 'deskside_tickets_created_total', help: 'Tickets filed by devices', registers: [this.registry] });
  readonly logins = new Counter({ name: 'deskside_console_logins_total', help: 'Console sign-in attempts', labelNames: ['result'] as const, registers: [this.registry] });

  constructor(store: Store) {
    collectDefaultMetrics({ register: this.registry, prefix: 'deskside_' });
    new Gauge({
      name: 'deskside_devices',
      help: 'Enrolled devices',
      registers: [this.registry],
      async collect() {
        const r = await store.db.selectFrom('devices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
        this.set(Number(r?.n ?? 0));
      },
    });
    new Gauge({
      name: 'deskside_tickets_overdue',
      help: 'Open tickets whose running service-level target is past due',
      registers: [this.registry],
      async collect() {
        const r = await store.db
          .selectFrom('tickets')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('sla_next_due_at', '<', store.clock())
          .executeTakeFirst();
        this.set(Number(r?.n ?? 0));
      },
    });
  }
}
