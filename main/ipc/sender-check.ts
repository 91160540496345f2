/**
 * Whether an IPC message comes from one of our windows showing our own page. A compromised or
 * foreign frame (an iframe, a page navigated elsewhere, a devtools extension) is refused even if it
 * somehow obtained the bridge.
 */
export interface SenderFacts {
  /** id of the WebContents that sent the message. */
  readonly webContentsId: number;
  /** URL of the frame that sent it (null when the frame is gone). */
  readonly frameUrl: string | null;
  /** Whether that frame is the top-level frame of its WebContents. */
  readonly isMainFrame: boolean;
}

export interface TrustedOrigin {
  /** WebContents ids of the windows the tray app created. */
  readonly ownWebContents: () => ReadonlySet<number>;
  /** The renderer's own URL prefix: file:// path of out/renderer, or the dev server in development. */
  readonly rendererUrlPrefix: string;
}

export function isTrustedSender(sender: SenderFacts, trusted: TrustedOrigin): boolean {
  if (!sender.isMainFrame || sender.frameUrl === null) return false;
  if (!trusted.ownWebContents().has(sender.webContentsId)) return false;
  return sameDocumentOrigin(sender.frameUrl, trusted.rendererUrlPrefix);
}

function sameDocumentOrigin(url: string, prefix: string): boolean {
  let parsed: URL;
  let base: URL;
  try {
    parsed = new URL(url);
    base = new URL(prefix);
  } catch {
    return false;
  }
  if (parsed.protocol !== base.protocol) return false;
  if (parsed.protocol === 'file:') return parsed.pathname === base.pathname;
  return parsed.origin === base.origin && parsed.pathname.startsWith(base.pathname);
}
