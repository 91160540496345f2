import type { Role } from '@deskside/shared';

export interface DeviceContext {
  readonly id: string;
  readonly hostname: string;
}

export interface TechnicianContext {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** How this request was authenticated: a browser session, or an API token (no session to end). */
  readonly via: { readonly kind: 'session'; readonly hash: string; readonly expiresAt: number } | { readonly kind: 'api-token'; readonly id: string; readonly name: string; readonly expiresAt: number | null };
}

declare module 'fastify' {
  interface FastifyRequest {
    device: DeviceContext | null;
    technician: TechnicianContext | null;
  }
}

export function requireDeviceContext(d: DeviceContext | null): DeviceContext {
  if (d === null) throw new Error('device route reached without authentication');
  return d;
}

export function requireTechnicianContext(t: TechnicianContext | null): TechnicianContext {
  if (t === null) throw new Error('console route reached without authentication');
  return t;
}
