import { describe, expect, it } from 'vitest';

import { compiledSchemaFiles, gsettingsSchemaInstalled } from '../../../collectors/common/gsettings.js';
import { installedSystemUnits, systemdBooted, userManagerReachable } from '../../../collectors/protection/systemd-presence.js';
import { systemdWithUnits } from '../fake-system.js';
import { fakeContext } from './helpers.js';

describe('systemd presence', () => {
  it('is booted only with /run/systemd/system', async () => {
    expect(await systemdBooted(fakeContext('linux', { directories: systemdWithUnits() }))).toBe(true);
    expect(await systemdBooted(fakeContext('linux', {}))).toBe(false);
  });

  it('finds installed units in any unit folder, instances through their template, nothing without systemd', async () => {
    const ctx = fakeContext('linux', {
      directories: { ...systemdWithUnits('clamav-daemon.service'), '/etc/systemd/system': ['clamd@.service', 'multi-user.target.wants'] },
    });
    expect(await installedSystemUnits(ctx, ['clamav-daemon.service', 'clamd@scan.service', 'clamonacc.service'])).toEqual(['clamav-daemon.service', 'clamd@scan.service']);
    const noSystemd = fakeContext('linux', { directories: { '/lib/systemd/system': ['clamav-daemon.service'] } });
    expect(await installedSystemUnits(noSystemd, ['clamav-daemon.service'])).toEqual([]);
  });

  it('reaches the user manager through XDG_RUNTIME_DIR or a session bus', async () => {
    const withBus = fakeContext('linux', { files: { '/run/user/1000/systemd/private': { stdout: '' } } });
    expect(await userManagerReachable(withBus, { XDG_RUNTIME_DIR: '/run/user/1000' })).toBe(true);
    expect(await userManagerReachable(withBus, { XDG_RUNTIME_DIR: '/run/user/0' })).toBe(false);
    expect(await userManagerReachable(withBus, {})).toBe(false);
    expect(await userManagerReachable(fakeContext('linux', {}), { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' })).toBe(true);
  });
});

describe('GSettings schemas', () => {
  it('are looked for in GSETTINGS_SCHEMA_DIR, then every XDG_DATA_DIRS entry, with the documented default', () => {
    expect(compiledSchemaFiles({})).toEqual(['/usr/local/share/glib-2.0/schemas/gschemas.compiled', '/usr/share/glib-2.0/schemas/gschemas.compiled']);
    expect(compiledSchemaFiles({ GSETTINGS_SCHEMA_DIR: '/opt/s', XDG_DATA_DIRS: '/app/share::/usr/share' })).toEqual([
      '/opt/s/gschemas.compiled',
      '/app/share/glib-2.0/schemas/gschemas.compiled',
      '/usr/share/glib-2.0/schemas/gschemas.compiled',
    ]);
  });

  it('count as installed when a compiled file names the id', async () => {
    const ctx = fakeContext('linux', { files: { '/app/share/glib-2.0/schemas/gschemas.compiled': { stdout: 'GVariant\u0000org.gnome.DejaDup\u0000org.gnome.system.proxy.http' } } });
    const env = { XDG_DATA_DIRS: '/usr/share:/app/share' };
    expect(await gsettingsSchemaInstalled(ctx, 'org.gnome.DejaDup', env)).toBe(true);
    // A prefix counts too: this only spares a process, gsettings still has the last word.
    expect(await gsettingsSchemaInstalled(ctx, 'org.gnome.Deja', env)).toBe(true);
    expect(await gsettingsSchemaInstalled(ctx, 'org.freedesktop.Tracker3', env)).toBe(false);
    expect(await gsettingsSchemaInstalled(fakeContext('linux', {}), 'org.gnome.DejaDup', env)).toBe(false);
  });
});
