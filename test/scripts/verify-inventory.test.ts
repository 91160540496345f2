import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { compareInventory, formatTable, TOLERANCES, type ComparedRow, type OsAnswers } from '../../scripts/verify-inventory/compare.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist', 'agent', 'cli.js');
const run = promisify(execFile);

const GiB = 1024 ** 3;
const ok = <T>(data: T) => ({ status: 'ok', durationMs: 1, data });

/** The few sections the comparison reads, as the agent writes them on a small Linux machine. */
function agentDocument() {
  return {
    sections: {
      system: ok({ hostname: 'ws-042', os: { platform: 'linux', name: 'Debian GNU/Linux 12 (bookworm)', version: '12', build: null, kernel: '6.1.0-28-amd64', arch: 'x64' } }),
      hardware: ok({ cpu: { model: 'Intel Core i5-8350U', manufacturer: 'Intel', sockets: 1, cores: 4, threads: 8, baseSpeedMhz: 1700 }, memory: { totalBytes: 16 * GiB, modules: [] } }),
      storage: ok({
        disks: [{ device: '/dev/nvme0n1', sizeBytes: 512 * GiB }],
        volumes: [{ mount: '/', sizeBytes: 400 * GiB, freeBytes: 100 * GiB }],
      }),
      network: ok({
        interfaces: [
          { name: 'lo', mac: null, ipv4: [{ address: '127.0.0.1', prefixLength: 8 }], ipv6: [{ address: '::1', prefixLength: 128 }] },
          { name: 'enp0s31f6', mac: '54:E1:AD:00:11:22', ipv4: [{ address: '192.168.1.20', prefixLength: 24 }], ipv6: [{ address: 'fe80::56e1:adff:fe00:1122', prefixLength: 64 }] },
        ],
      }),
      software: ok({ packages: [{ name: 'bash', source: 'dpkg' }, { name: 'coreutils', source: 'dpkg' }, { name: 'org.gimp.GIMP', source: 'flatpak' }] }),
      antivirus: ok({ products: [{ name: 'ClamAV' }] }),
      firewall: ok({ enabled: true }),
    },
  };
}

function osAnswers(): OsAnswers {
  return {
    cpuModel: 'Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz',
    cpuThreads: 8,
    cpuCores: 4,
    memoryBytes: 16 * GiB,
    disks: [{ name: 'nvme0n1', sizeBytes: 512 * GiB }],
    volumes: [{ mount: '/', sizeBytes: 400 * GiB, freeBytes: 100 * GiB }],
    hostname: 'ws-042.corp.example',
    macs: ['54:e1:ad:00:11:22'],
    ips: ['127.0.0.1', '::1', '192.168.1.20', 'fe80::56e1:adff:fe00:1122%enp0s31f6'],
    programs: { dpkg: 2 },
    osName: 'Debian GNU/Linux 12 (bookworm)',
    osVersion: '12',
    antivirus: ['ClamAV'],
    firewall: true,
  };
}

const disagreeing = (rows: readonly ComparedRow[]) => rows.filter((r) => r.agree === false).map((r) => r.field);

describe('verify-inventory: the comparison', () => {
  it('agrees field by field when both sides say the same (CPU trademarks, MAC case, IPv6 zones and the FQDN aside)', () => {
    const rows = compareInventory(agentDocument(), osAnswers());
    expect(disagreeing(rows)).toEqual([]);
    expect(rows.map((r) => r.field)).toEqual(
      expect.arrayContaining(['CPU model', 'CPU logical processors', 'CPU cores', 'memory (bytes)', 'disks (count)', 'volume / free', 'host name', 'MAC addresses', 'IP addresses', 'installed programs (dpkg)', 'OS version', 'antivirus products', 'firewall on']),
    );
  });

  it('names each field that disagrees', () => {
    const os = { ...osAnswers(), cpuModel: 'Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz', cpuThreads: 4, macs: ['54:e1:ad:00:11:23'], ips: ['127.0.0.1'], programs: { dpkg: 3 }, antivirus: [], firewall: null, osVersion: '13' };
    expect(disagreeing(compareInventory(agentDocument(), os))).toEqual(['CPU model', 'CPU logical processors', 'MAC addresses', 'IP addresses', 'installed programs (dpkg)', 'OS version', 'antivirus products', 'firewall on']);
  });

  it('lets free space move within its tolerance and no further; sizes must match', () => {
    const freeTolerance = Math.max(TOLERANCES.freeSpaceBytes, 400 * GiB * TOLERANCES.freeSpaceFraction);
    const moved = (freeBytes: number, sizeBytes = 400 * GiB) => disagreeing(compareInventory(agentDocument(), { ...osAnswers(), volumes: [{ mount: '/', sizeBytes, freeBytes }] }));
    expect(moved(100 * GiB - freeTolerance + 1)).toEqual([]);
    expect(moved(100 * GiB - freeTolerance - 1024)).toEqual(['volume / free']);
    expect(moved(100 * GiB, 401 * GiB)).toEqual(['volume / size']);
    expect(disagreeing(compareInventory(agentDocument(), { ...osAnswers(), volumes: [] }))).toEqual(['volumes (mount points)']);
  });

  it('on macOS needs only the built-in protection in the agent’s list', () => {
    const mac = { ...osAnswers(), antivirus: ['XProtect', 'Gatekeeper'], antivirusBuiltInOnly: true };
    const withSophos = { ...agentDocument().sections, antivirus: ok({ products: [{ name: 'XProtect' }, { name: 'Gatekeeper' }, { name: 'Sophos Endpoint' }] }) };
    expect(disagreeing(compareInventory({ sections: withSophos }, mac))).toEqual([]);
    const withoutGatekeeper = { ...agentDocument().sections, antivirus: ok({ products: [{ name: 'XProtect' }] }) };
    expect(disagreeing(compareInventory({ sections: withoutGatekeeper }, mac))).toEqual(['antivirus products (built in)']);
  });

  it('reports a field the OS cannot answer as not compared, with the reason', () => {
    const rows = compareInventory(agentDocument(), { ...osAnswers(), cpuCores: { skip: '/proc/cpuinfo has no core ids' } });
    expect(rows.find((r) => r.field === 'CPU cores')).toMatchObject({ agree: null, note: 'not compared: /proc/cpuinfo has no core ids' });
    expect(formatTable(rows)).toMatch(/^skip\s+CPU cores/m);
  });
});

describe('verify-inventory on this machine', () => {
  it('runs the built agent and the OS tools, and every compared field agrees', async () => {
    expect(existsSync(CLI), `${CLI} is missing: run npm run build first`).toBe(true);
    // A data folder of its own: the agent's collector cache starts empty and the user's stays untouched.
    const dataDir = mkdtempSync(join(tmpdir(), 'deskside-verify-'));
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'scripts', 'verify-inventory.mjs'), '--json'], {
      cwd: ROOT,
      env: { ...process.env, DESKSIDE_DATA_DIR: dataDir },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 100_000,
    })
      .catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }))
      .finally(() => rmSync(dataDir, { recursive: true, force: true }));
    expect(stdout, stderr).not.toBe('');
    const report = JSON.parse(stdout) as { agree: boolean; rows: ComparedRow[] };
    const differing = report.rows.filter((r) => r.agree === false);
    expect(differing, formatTable(report.rows)).toEqual([]);
    expect(report.agree).toBe(true);
    const compared = report.rows.filter((r) => r.agree === true).map((r) => r.field);
    expect(compared).toEqual(expect.arrayContaining(['CPU logical processors', 'memory (bytes)', 'host name', 'MAC addresses', 'IP addresses']));
  }, 120_000);
});
