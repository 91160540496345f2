import type { NetworkData } from '@deskside/shared/inventory';

const clip = (s: string, max: number): string => (s.length > max ? s.slice(0, max) : s);
const clipOrNull = (s: string | null, max: number): string | null => (s === null ? null : clip(s, max));
const take = <T>(list: readonly T[], max: number): T[] => list.slice(0, max);

/**
 * Holds the section to the wire schema's caps, so one odd value (a 300-character SSID from a broken
 * driver, 200 Docker veths) is shortened rather than costing the whole section its validation.
 */
export function limitNetworkData(data: NetworkData): NetworkData {
  return {
    interfaces: take(data.interfaces, 128).map((i) => ({
      ...i,
      name: clip(i.name, 256),
      displayName: clipOrNull(i.displayName, 256),
      ipv4: take(i.ipv4, 64),
      ipv6: take(i.ipv6, 64),
    })),
    defaultGateways: take(data.defaultGateways, 32).map((g) => ({ ...g, interface: clipOrNull(g.interface, 256) })),
    dns: {
      servers: take(data.dns.servers, 32).map((s) => clip(s, 64)),
      searchDomains: take(data.dns.searchDomains, 32).map((s) => clip(s, 256)),
    },
    wifi: take(data.wifi, 8).map((w) => ({
      ...w,
      interface: clip(w.interface, 256),
      ssid: clipOrNull(w.ssid, 256),
      bssid: clipOrNull(w.bssid, 64),
      security: clipOrNull(w.security, 64),
    })),
    proxy:
      data.proxy === null
        ? null
        : {
            ...data.proxy,
            server: clipOrNull(data.proxy.server, 1024),
            pacUrl: clipOrNull(data.proxy.pacUrl, 2048),
            bypass: take(data.proxy.bypass, 128).map((b) => clip(b, 512)),
            winHttp:
              data.proxy.winHttp === null
                ? null
                : { ...data.proxy.winHttp, server: clipOrNull(data.proxy.winHttp.server, 1024), bypass: take(data.proxy.winHttp.bypass, 128).map((b) => clip(b, 512)) },
            source: clip(data.proxy.source, 256),
          },
    ...(data.vpn === undefined
      ? {}
      : {
          vpn: take(data.vpn, 16).map((v) => ({
            ...v,
            name: clip(v.name, 256),
            version: clipOrNull(v.version, 64),
            profile: clipOrNull(v.profile, 256),
            server: clipOrNull(v.server, 256),
            source: clip(v.source, 256),
          })),
        }),
  };
}
