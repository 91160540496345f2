import { randomUUID } from 'node:crypto';

import type { FastifyInstance } from 'fastify';

export interface RouteInfo {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI template, e.g. /api/v1/console/tickets/{id}. */
  readonly template: string;
  readonly url: string;
}

/** Every documented route, read back from the generated OpenAPI document, with ids filled in. */
export function documentedRoutes(app: FastifyInstance, fill: Record<string, string> = {}): RouteInfo[] {
  const doc = app.swagger() as { paths?: Record<string, Record<string, unknown>> };
  const out: RouteInfo[] = [];
  for (const [template, ops] of Object.entries(doc.paths ?? {})) {
    for (const method of Object.keys(ops)) {
      const upper = method.toUpperCase();
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(upper)) continue;
      const url = template.replace(/\{(\w+)\}/g, (_m, name: string) => fill[name] ?? randomUUID());
      out.push({ method: upper as RouteInfo['method'], template, url });
    }
  }
  return out;
}
