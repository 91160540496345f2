import type { Shell } from 'electron';

import type { ExternalLinks } from '../core/ports.js';

/** Opens checked links (see externalLinkTarget) in the user's default browser or mail client. */
export function electronExternalLinks(shell: Pick<Shell, 'openExternal'>): ExternalLinks {
  return { open: (url) => shell.openExternal(url, { activate: true }) };
}
