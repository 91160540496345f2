import type { Shell } from 'electron';

import { externalLinkTarget } from '../core/external-link.js';
import type { ExternalLinks } from '../core/ports.js';

/**
 * Opens links in the user's default browser or mail client. TrayCore has checked the link already; it
 * is checked again here so this, the one call to `shell.openExternal`, never sees anything but http,
 * https and mailto whoever calls it.
 */
export function electronExternalLinks(shell: Pick<Shell, 'openExternal'>): ExternalLinks {
  return {
    open: async (url) => {
      const target = externalLinkTarget(url);
      if (target === null) throw new Error('refused to open a link that is not http, https or mailto');
      await shell.openExternal(target, { activate: true });
    },
  };
}
