import { PasswordSchema, UsernameSchema } from '@deskside/shared';

import type { Store } from '../storage/store.js';

export type BootstrapOutcome =
  | { readonly kind: 'exists' }
  | { readonly kind: 'created'; readonly username: string }
  | { readonly kind: 'missing'; readonly hint: string }
  | { readonly kind: 'invalid'; readonly reason: string };

/**
 * With no technician yet, DESKSIDE_ADMIN_PASSWORD (and optionally DESKSIDE_ADMIN_USERNAME) creates
 * the first administrator; otherwise the caller prints how to create one.
 */
export async function bootstrapAdmin(store: Store, env: NodeJS.ProcessEnv, cliHint: string): Promise<BootstrapOutcome> {
  if ((await store.technicians.count()) > 0) return { kind: 'exists' };
  const password = env.DESKSIDE_ADMIN_PASSWORD;
  if (password === undefined || password === '') {
    return {
      kind: 'missing',
      hint: `No technician account exists yet. Create the first administrator with:\n  ${cliHint} admin create --username admin --password-stdin\nor start once with DESKSIDE_ADMIN_PASSWORD set.`,
    };
  }
  const username = (env.DESKSIDE_ADMIN_USERNAME ?? 'admin').toLowerCase();
  const u = UsernameSchema.safeParse(username);
  if (!u.success) return { kind: 'invalid', reason: `DESKSIDE_ADMIN_USERNAME: ${u.error.issues[0]?.message ?? 'invalid'}` };
  const p = PasswordSchema.safeParse(password);
  if (!p.success) return { kind: 'invalid', reason: `DESKSIDE_ADMIN_PASSWORD: ${p.error.issues[0]?.message ?? 'invalid'}` };
  const created = await store.technicians.create({ username, displayName: 'Administrator', password, role: 'admin' });
  await store.audit.record(
    { actor: { kind: 'system', id: null, name: 'bootstrap' }, action: 'technician.create', target: { kind: 'technician', id: created.id }, details: { username, role: 'admin', from: 'DESKSIDE_ADMIN_PASSWORD' } },
    store.clock(),
  );
  return { kind: 'created', username };
}
