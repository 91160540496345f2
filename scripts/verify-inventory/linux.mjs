// The Linux kernel's and distribution's own answers, read without any of Deskside's collectors.
import { access } from 'node:fs/promises';

import { run, tryRead, tryRun } from './run.mjs';

/** Runtime, snap and container storage: mounted from block devices but not volumes a person uses. */
const NOT_USER_VOLUMES = /^\/(snap|run|dev|sys|proc|var\/lib\/docker|var\/lib\/containers|var\/snap)(\/|$)/;

const skip = (reason) => ({ skip: reason });

function cpuFacts(cpuinfo) {
  const blocks = cpuinfo.split(/\n\s*\n/).filter((b) => /^processor\s*:/m.test(b));
  const field = (block, name) => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(block)?.[1]?.trim() ?? null;
  const model = blocks.map((b) => field(b, 'model name')).find((m) => m) ?? null;
  const cores = new Set(blocks.map((b) => `${field(b, 'physical id')}/${field(b, 'core id')}`));
  const hasTopology = blocks.every((b) => field(b, 'core id') !== null);
  return {
    cpuModel: model ?? skip('/proc/cpuinfo has no "model name" (not x86)'),
    cpuThreads: blocks.length,
    cpuCores: hasTopology ? cores.size : skip('/proc/cpuinfo has no core ids'),
  };
}

async function volumes() {
  const out = await run('df', ['-P', '-T', '-l', '-B1']);
  return out
    .split('\n')
    .slice(1)
    .map((line) => /^(\S+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+\S+\s+(\/.*)$/.exec(line.trim()))
    .filter((m) => m !== null)
    .filter(([, device, type, , , , mount]) => device.startsWith('/dev/') && !device.startsWith('/dev/loop') && type !== 'squashfs' && !NOT_USER_VOLUMES.test(mount))
    .map(([, , , size, , avail, mount]) => ({ mount, sizeBytes: Number(size), freeBytes: Number(avail) }));
}

async function disks() {
  const out = await tryRun('lsblk', ['-J', '-b', '-d', '-o', 'NAME,SIZE,TYPE']);
  if (out === null) return skip('lsblk is not installed');
  return JSON.parse(out)
    .blockdevices.filter((d) => d.type === 'disk' && Number(d.size) > 0)
    .map((d) => ({ name: d.name, sizeBytes: Number(d.size) }));
}

async function network() {
  const links = JSON.parse(await run('ip', ['-j', 'addr']));
  const macs = links
    .filter((l) => l.link_type === 'ether' && l.address && l.address !== '00:00:00:00:00:00')
    .map((l) => l.address.toLowerCase());
  const ips = links.flatMap((l) => (l.addr_info ?? []).map((a) => a.local)).filter(Boolean);
  return { macs, ips };
}

async function installedPrograms() {
  const counts = {};
  const dpkg = await tryRun('dpkg-query', ['-W', '-f', '${Status}\n']);
  // Removed packages that left their configuration files behind are listed too: they are not installed.
  if (dpkg !== null) counts.dpkg = dpkg.split('\n').filter((l) => / installed$/.test(l.trim())).length;
  const rpm = await tryRun('rpm', ['-qa']);
  if (rpm !== null) counts.rpm = rpm.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('gpg-pubkey-')).length;
  return Object.keys(counts).length > 0 ? counts : skip('neither dpkg nor rpm is installed');
}

function osRelease(text) {
  const value = (key) => {
    const raw = new RegExp(`^${key}=(.*)$`, 'm').exec(text ?? '')?.[1];
    return raw === undefined ? null : raw.replace(/^["']|["']$/g, '');
  };
  return { osName: value('PRETTY_NAME') ?? value('NAME') ?? skip('no /etc/os-release'), osVersion: value('VERSION_ID') ?? skip('/etc/os-release has no VERSION_ID') };
}

const exists = (path) => access(path).then(() => true, () => false);
async function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(':').filter(Boolean)) if (await exists(`${dir}/${name}`)) return true;
  return false;
}

/** A product is present when its own program or signature database is on the machine. */
const ANTIVIRUS = [
  ['ClamAV', async () => (await onPath('clamscan')) || (await exists('/var/lib/clamav/daily.cvd')) || (await exists('/var/lib/clamav/daily.cld'))],
  ['Microsoft Defender for Endpoint', async () => (await onPath('mdatp')) || (await exists('/usr/bin/mdatp'))],
  ['SentinelOne', async () => exists('/opt/sentinelone/bin/sentinelctl')],
  ['Bitdefender Endpoint Security Tools', async () => exists('/opt/bitdefender-security-tools/bin/bduitool')],
  ['CrowdStrike Falcon', async () => exists('/opt/CrowdStrike/falconctl')],
  ['Cortex XDR', async () => exists('/opt/traps/bin/cytool')],
];

async function antivirus() {
  const found = [];
  for (const [name, present] of ANTIVIRUS) if (await present()) found.push(name);
  return found;
}

/**
 * On when ufw or firewalld says so or the kernel's input hook filters; off when the kernel's rules were
 * readable and nothing filters; unknown (null) when nothing could be read (nft and iptables need root).
 */
async function firewall() {
  const ufw = await tryRead('/etc/ufw/ufw.conf');
  if (ufw !== null && /^ENABLED=yes/m.test(ufw)) return true;
  const firewalld = await tryRun('firewall-cmd', ['--state']);
  if (firewalld !== null && firewalld.trim() === 'running') return true;
  const nft = await tryRun('nft', ['-j', 'list', 'ruleset']);
  if (nft !== null) {
    const items = JSON.parse(nft).nftables ?? [];
    const inputChains = items.map((i) => i.chain).filter((c) => c && c.type === 'filter' && c.hook === 'input');
    const isInput = (r) => inputChains.some((c) => c.family === r.family && c.table === r.table && c.name === r.chain);
    if (inputChains.some((c) => c.policy === 'drop') || items.some((i) => i.rule && isInput(i.rule))) return true;
    if (inputChains.length > 0 || items.some((i) => i.table)) return false;
  }
  const iptables = await tryRun('iptables', ['-S', 'INPUT']);
  if (iptables !== null) return /^-P INPUT DROP/m.test(iptables) || /^-A INPUT/m.test(iptables);
  return nft !== null ? false : null;
}

export async function linuxAnswers() {
  const meminfo = await run('cat', ['/proc/meminfo']);
  const memKb = Number(/^MemTotal:\s+(\d+) kB/m.exec(meminfo)?.[1]);
  return {
    ...cpuFacts(await run('cat', ['/proc/cpuinfo'])),
    memoryBytes: memKb * 1024,
    disks: await disks(),
    volumes: await volumes(),
    hostname: (await run('hostname')).trim(),
    ...(await network()),
    programs: await installedPrograms(),
    ...osRelease(await tryRead('/etc/os-release')),
    antivirus: await antivirus(),
    firewall: await firewall(),
  };
}
