import type { WebContents } from 'electron';

import { rendererBase } from './harden-session.js';

/**
 * Per-window defences: no navigation away from our page, no new windows, no webviews. A help article's
 * links reach the outside world only through the `links:open-external` request (the user's browser or
 * mail client, http/https/mailto only), never by navigating this window.
 */
export function hardenContents(contents: WebContents, rendererUrlPrefix: string, log: { warn(m: string, f?: Record<string, unknown>): void }): void {
  const base = rendererBase(rendererUrlPrefix);
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(base)) {
      event.preventDefault();
      log.warn('blocked navigation', { url: originOf(url) });
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(base)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('blocked new window', { url: originOf(url) });
    return { action: 'deny' };
  });
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid URL';
  }
}
