import { NetworkDataSchema, type NetworkData } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { limitNetworkData } from '../../../collectors/network/limit.js';

const iface = (n: number): NetworkData['interfaces'][number] => ({
  name: `veth${n}`,
  displayName: null,
  kind: 'virtual',
  mac: null,
  up: true,
  dhcp: null,
  speedMbps: null,
  mtu: 1500,
  ipv4: [],
  ipv6: [],
});

describe('limitNetworkData', () => {
  it('holds a machine with hundreds of container interfaces and odd strings to the schema caps', () => {
    const data: NetworkData = {
      interfaces: Array.from({ length: 300 }, (_, n) => iface(n)),
      defaultGateways: [],
      dns: { servers: Array.from({ length: 40 }, (_, n) => `10.0.0.${n}`), searchDomains: ['x'.repeat(300)] },
      wifi: [{ interface: 'wlan0', ssid: 's'.repeat(300), bssid: null, signalDbm: null, signalPercent: null, channel: null, band: null, security: 'W'.repeat(100), txRateMbps: null }],
      proxy: { mode: 'manual', server: 'p:1', pacUrl: null, bypass: Array.from({ length: 200 }, (_, n) => `h${n}`), winHttp: null, source: 'test' },
    };
    expect(NetworkDataSchema.safeParse(data).success).toBe(false);
    const limited = NetworkDataSchema.parse(limitNetworkData(data));
    expect([limited.interfaces.length, limited.dns.servers.length, limited.wifi[0]?.ssid?.length, limited.wifi[0]?.security?.length, limited.proxy?.bypass.length]).toEqual([
      128, 32, 256, 64, 128,
    ]);
  });
});
