import type { FastifyRequest } from 'fastify';

import { looksLikeToken } from '../auth/tokens.js';
import type { Store } from '../storage/store.js';
import { unauthorized } from './http-error.js';

/** `Authorization: Bearer dsd_…` → the device it belongs to; runs before the body is read. */
export function deviceAuthHook(store: Store) {
  return async (request: FastifyRequest): Promise<void> => {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const token = match?.[1];
    if (token === undefined) throw unauthorized('a device credential is required (Authorization: Bearer …)');
    if (!looksLikeToken('device', token)) throw unauthorized('the device credential is not valid or has been revoked');
    const device = await store.devices.authenticate(token);
    if (device === null) throw unauthorized('the device credential is not valid or has been revoked; enroll again');
    request.device = device;
  };
}
