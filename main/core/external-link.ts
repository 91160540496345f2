/** Schemes a help article's link may open outside the tray: the web and a new e-mail. */
const OUTSIDE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/**
 * What to hand to the OS for a link clicked in an article, or null when it must not leave the tray:
 * anything but http, https and mailto (file:, javascript:, custom protocol handlers that start other
 * programs), web links without a host, and links carrying a user name or password (a classic disguise:
 * https://intranet.example@evil.test/). The URL is returned as parsed, so the OS gets exactly what
 * was checked.
 */
export function externalLinkTarget(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (!OUTSIDE_SCHEMES.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && (url.hostname === '' || url.username !== '' || url.password !== '')) return null;
  return url.href;
}
