import { z } from 'zod';

import { list, macAddress, maybeCount, maybeNumber, maybeText, nonNegativeInt, text, triState } from '../limits.js';

export const INTERFACE_KINDS = ['wired', 'wireless', 'virtual', 'vpn', 'loopback', 'cellular', 'bridge', 'other'] as const;

export const IpAddressSchema = z.strictObject({
  address: text(64),
  prefixLength: z.number().int().min(0).max(128).nullable(),
});

export const NetworkInterfaceSchema = z.strictObject({
  name: text(),
  displayName: maybeText(),
  kind: z.enum(INTERFACE_KINDS),
  mac: macAddress.nullable(),
  up: triState,
  dhcp: triState,
  speedMbps: maybeNumber,
  mtu: maybeCount,
  ipv4: list(IpAddressSchema, 64),
  ipv6: list(IpAddressSchema, 64),
});
export type NetworkInterface = z.infer<typeof NetworkInterfaceSchema>;

export const WifiSchema = z.strictObject({
  interface: text(),
  ssid: maybeText(),
  bssid: maybeText(64),
  signalDbm: maybeNumber,
  signalPercent: maybeNumber,
  channel: maybeCount,
  band: z.enum(['2.4GHz', '5GHz', '6GHz']).nullable(),
  security: maybeText(64),
  txRateMbps: maybeNumber,
});

export const PROXY_MODES = ['none', 'manual', 'pac', 'auto-detect', 'unknown'] as const;

export const ProxySettingsSchema = z.strictObject({
  mode: z.enum(PROXY_MODES),
  /** host:port (or per-scheme list) for a manual proxy. */
  server: maybeText(1024),
  pacUrl: maybeText(2048),
  bypass: list(text(512), 128),
  /** Windows only: the machine-wide WinHTTP proxy services use. */
  winHttp: z
    .strictObject({
      direct: z.boolean(),
      server: maybeText(1024),
      bypass: list(text(512), 128),
    })
    .nullable(),
  source: text(),
});
export type ProxySettings = z.infer<typeof ProxySettingsSchema>;

export const VPN_PRODUCTS = ['cisco-secure-client', 'globalprotect', 'forticlient', 'zscaler', 'wireguard', 'openvpn', 'os'] as const;

/** A VPN client found on the machine: which product, which version, and whether it is connected now. */
export const VpnClientSchema = z.strictObject({
  product: z.enum(VPN_PRODUCTS),
  /** The product's own name ("Cisco Secure Client", "IKEv2", "L2TP", "WireGuard wg0"). */
  name: text(),
  version: maybeText(64),
  /** Null: the product is installed but its state cannot be read without the user's session or root. */
  connected: z.boolean().nullable(),
  /** The connection profile or interface, and the gateway, when the tool tells them. */
  profile: maybeText(),
  server: maybeText(),
  /** Where this came from ("vpncli state", "wg show all dump", "Get-VpnConnection"). */
  source: text(),
});
export type VpnClient = z.infer<typeof VpnClientSchema>;

export const NetworkDataSchema = z.strictObject({
  interfaces: list(NetworkInterfaceSchema, 128),
  defaultGateways: list(
    z.strictObject({
      address: text(64),
      interface: maybeText(),
      family: z.enum(['ipv4', 'ipv6']),
      metric: nonNegativeInt.nullable(),
    }),
    32,
  ),
  dns: z.strictObject({
    servers: list(text(64), 32),
    searchDomains: list(text(), 32),
  }),
  wifi: list(WifiSchema, 8),
  proxy: ProxySettingsSchema.nullable(),
  /** VPN clients (absent from agents older than this field). */
  vpn: list(VpnClientSchema, 16).optional(),
});
export type NetworkData = z.infer<typeof NetworkDataSchema>;
