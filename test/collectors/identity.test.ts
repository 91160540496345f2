import { describe, expect, it } from 'vitest';

import { buildDeviceIdentity } from '../../collectors/identity.js';

describe('buildDeviceIdentity', () => {
  it('falls back to the OS interface list: external MACs only, lower case, sorted, no duplicates or zeros', () => {
    const identity = buildDeviceIdentity({}, 'host-1', [
      { mac: 'A4:BB:6D:11:22:33', internal: false },
      { mac: '00:00:00:00:00:00', internal: false },
      { mac: '00:00:00:00:00:00', internal: true },
      { mac: '02:42:ac:11:00:02', internal: false },
      { mac: 'a4:bb:6d:11:22:33', internal: false },
    ]);
    expect(identity).toEqual({ hostname: 'host-1', hardwareUuid: null, serial: null, macs: ['02:42:ac:11:00:02', 'a4:bb:6d:11:22:33'] });
  });

  it('takes hostname, UUID and serial from the system section when it has data', () => {
    const system = { status: 'ok' as const, durationMs: 1, data: { hostname: 'PC-42', hardwareUuid: 'U-1', serial: 'S-1' } };
    const identity = buildDeviceIdentity({ system: system as never }, 'fallback', []);
    expect(identity).toMatchObject({ hostname: 'PC-42', hardwareUuid: 'U-1', serial: 'S-1', macs: [] });
  });
});
