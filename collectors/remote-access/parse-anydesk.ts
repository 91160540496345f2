import { configValue } from './parse-key-value.js';

/**
 * AnyDesk's ID from its `system.conf` / `service.conf` (`ad.anynet.id=123456789`). The same files
 * hold `ad.anynet.pwd_hash` and `ad.anynet.pwd_salt` (the unattended-access password): never read.
 */
export function parseAnyDeskId(text: string): string | null {
  const id = configValue(text, 'ad.anynet.id');
  return id !== null && /^\d{6,12}$/.test(id) ? id : null;
}
