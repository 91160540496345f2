import { configValue } from './parse-key-value.js';

export interface RustDeskConfig {
  readonly id: string | null;
  readonly server: string | null;
}

/**
 * RustDesk's `RustDesk.toml` holds the ID (`id = '123456789'`) beside `password`, `salt` and the key
 * pair; `RustDesk2.toml` holds `[options]` with a self-hosted `custom-rendezvous-server`. Only those
 * two keys are read.
 */
export function parseRustDeskConfig(main: string | null, options: string | null): RustDeskConfig {
  const id = main === null ? null : configValue(main, 'id');
  const server = options === null ? null : configValue(options, 'custom-rendezvous-server', { section: 'options' });
  return { id: id !== null && /^[A-Za-z0-9_-]{6,64}$/.test(id) ? id : null, server };
}
