import type { Session } from 'electron';

import { CONTENT_SECURITY_POLICY } from './csp.js';

/**
 * Session-wide defences: every permission (camera, notifications from the page, geolocation…) is
 * refused, the CSP header rides on every response the renderer loads, and the renderer may fetch
 * nothing but its own files.
 */
export function hardenSession(session: Session, rendererUrlPrefix: string): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.webRequest.onBeforeRequest((details, callback) => {
    const own = details.url.startsWith(rendererBase(rendererUrlPrefix)) || details.url.startsWith('data:') || details.url.startsWith('blob:') || details.url.startsWith('devtools:');
    callback({ cancel: !own });
  });
}

/** The folder (file://) or origin (dev server) the renderer's files come from. */
export function rendererBase(prefix: string): string {
  const url = new URL(prefix);
  if (url.protocol === 'file:') return new URL('.', url).href;
  return url.origin + '/';
}
