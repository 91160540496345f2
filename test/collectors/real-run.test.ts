import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, hostname, totalmem } from 'node:os';

import type { InventoryDocument } from '@deskside/shared';
import { CATEGORIES, InventoryDocumentSchema } from '@deskside/shared';
import { beforeAll, describe, expect, it } from 'vitest';

import { collectInventory } from '../../collectors/runner.js';

/**
 * The real collectors on the machine running the tests (Linux in CI). Nothing is faked: each answer is
 * checked against what the OS says through another door.
 */
describe.skipIf(process.platform !== 'linux')('real inventory of this Linux machine', () => {
  let doc: InventoryDocument;
  beforeAll(async () => {
    doc = await collectInventory({ budgetMs: 120_000 });
  }, 150_000);

  it('is a valid full document where every section is ok or says honestly why not', () => {
    expect(InventoryDocumentSchema.safeParse(doc).success).toBe(true);
    expect(doc.kind).toBe('full');
    for (const category of CATEGORIES) {
      const section = doc.sections[category];
      expect(section, category).toBeDefined();
      if (section && section.status !== 'ok') expect(section.error, category).toMatch(/\S/);
    }
    for (const category of ['system', 'hardware', 'storage', 'users', 'peripherals'] as const) {
      expect(doc.sections[category]?.status, `${category}: ${doc.sections[category]?.error ?? ''}`).toBe('ok');
    }
  });

  it('system agrees with the kernel', () => {
    const system = doc.sections.system?.data;
    expect(system?.hostname).toBe(hostname().split('.')[0]);
    expect(system?.os.kernel).toBe(readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim());
    expect(system?.os.platform).toBe('linux');
    const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    expect(Math.abs((system?.uptimeSeconds ?? 0) - uptime)).toBeLessThan(120);
    // Without root the DMI serial is unreadable: it must be unknown, never made up.
    let serialReadable = true;
    try {
      readFileSync('/sys/class/dmi/id/product_serial');
    } catch {
      serialReadable = false;
    }
    if (!serialReadable) expect(system?.serial).toBeNull();
    expect(doc.device.hostname).toBe(system?.hostname);
  });

  it('hardware agrees with Node’s view of CPUs and memory', () => {
    const hardware = doc.sections.hardware?.data;
    expect(hardware?.memory.totalBytes).toBe(totalmem());
    expect(hardware?.cpu.threads).toBe(cpus().length);
  });

  it('storage has the root volume with sizes that add up', () => {
    const root = doc.sections.storage?.data?.volumes.find((v) => v.mount === '/');
    if (!root) return; // a container whose / is an overlay has no local root volume to show
    expect(root.system).toBe(true);
    expect((root.usedBytes ?? 0) + (root.freeBytes ?? 0)).toBeLessThanOrEqual(root.sizeBytes ?? 0);
  });

  it('users lists the human accounts of /etc/passwd', () => {
    const humans = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .map((l) => l.split(':'))
      .filter((f) => f.length >= 7 && Number(f[2]) >= 1000 && Number(f[2]) < 65534);
    expect(doc.sections.users?.data?.localAccounts.map((a) => a.name).sort()).toEqual(humans.map((f) => f[0]).sort());
  });

  it('software (when collected) lists exactly the packages dpkg has installed', () => {
    const software = doc.sections.software;
    let dpkgCount: number;
    try {
      // `dpkg-query -W` also lists removed packages that left config files; those are not installed software.
      dpkgCount = execFileSync('dpkg-query', ['-W', '-f', '${Status}\n'], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => / installed$/.test(l.trim())).length;
    } catch {
      return; // not a dpkg system
    }
    if (software?.status !== 'ok') return;
    expect(software.data?.packages.filter((p) => p.source === 'dpkg')).toHaveLength(dpkgCount);
  });
});
