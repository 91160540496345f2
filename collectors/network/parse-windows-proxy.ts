import type { ProxySettings } from '@deskside/shared/inventory';

import { redactProxyUrl } from './parse-linux-proxy.js';

type WinHttp = NonNullable<ProxySettings['winHttp']>;

const splitList = (text: string | null): string[] =>
  text === null ? [] : text.split(/[;\s]+/u).map((h) => h.trim()).filter((h) => h !== '' && !/^\(none\)$/iu.test(h));

/**
 * `netsh winhttp show proxy` is localized ("Direct access (no proxy server)." / "Accès direct (pas de
 * serveur proxy)."), so it is read by position: a direct configuration has no "label : value" lines;
 * a proxy has the server on the first such line and the bypass list on the second.
 */
export function parseNetshWinHttp(text: string): WinHttp | null {
  const lines = text.split(/\r?\n/u).map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length === 0) return null;
  const values = lines.map((l) => /^[^:]+?\s+:\s+(.*)$/u.exec(l)?.[1]?.trim()).filter((v): v is string => v !== undefined);
  if (values.length === 0) return { direct: true, server: null, bypass: [] };
  return { direct: false, server: values[0] === '' ? null : (values[0] ?? null), bypass: splitList(values[1] ?? null) };
}

/**
 * Where the agent service's proxy came from: LocalSystem's own HKCU, which is the service's view (what
 * its WinINet calls use), not any signed-in user's; those come with each user's report.
 */
export const SERVICE_ACCOUNT_PROXY_SOURCE = "HKCU Internet Settings of the agent's service account (not a signed-in user's)";

/**
 * The signed-in user's WinINet proxy from HKCU\Software\Microsoft\Windows\CurrentVersion\Internet
 * Settings: AutoConfigURL (PAC) wins, then ProxyEnable with ProxyServer, then AutoDetect (WPAD).
 */
export function parseInternetSettings(values: Readonly<Record<string, unknown>> | null, winHttp: WinHttp | null, source = 'HKCU Internet Settings'): ProxySettings {
  const text = (key: string): string | null => {
    const v = values?.[key];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
  };
  const bypass = splitList(text('ProxyOverride'));
  const pac = text('AutoConfigURL');
  if (values === null) return { mode: 'unknown', server: null, pacUrl: null, bypass: [], winHttp, source };
  if (pac !== null) return { mode: 'pac', server: null, pacUrl: redactProxyUrl(pac), bypass, winHttp, source };
  const server = text('ProxyServer');
  if (values['ProxyEnable'] === 1 && server !== null) return { mode: 'manual', server, pacUrl: null, bypass, winHttp, source };
  if (values['AutoDetect'] === 1) return { mode: 'auto-detect', server: null, pacUrl: null, bypass, winHttp, source };
  return { mode: 'none', server: null, pacUrl: null, bypass: [], winHttp, source };
}
