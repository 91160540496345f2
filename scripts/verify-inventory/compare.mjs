// Field-by-field comparison of Deskside's inventory with the OS's own answers (scripts/verify-inventory.mjs).

/**
 * Where two honest answers legitimately differ:
 * - free space moves while the two readings are taken (logs, caches, this very run), so it may differ
 *   by 1 % of the volume or 256 MiB, whichever is larger;
 * - a volume's size is exact to the block on every OS, but Windows and macOS report some sizes through
 *   APIs that round to the allocation unit: 0.1 % of the size;
 * - memory: some sources leave out the memory firmware reserves; 1 % of the total.
 * CPU models compare without trademark signs, the clock suffix ("@ 1.70GHz") and the filler words
 * "CPU"/"Processor", which the OSes and the agent write differently; the maker and model number count.
 */
export const TOLERANCES = {
  freeSpaceFraction: 0.01,
  freeSpaceBytes: 256 * 1024 * 1024,
  volumeSizeFraction: 0.001,
  memoryFraction: 0.01,
};

/** The software sources whose count the OS answers for, per OS. */
const PROGRAM_SOURCES = { dpkg: ['dpkg'], rpm: ['rpm'], registry: ['registry', 'registry-user'], applications: ['app-bundle'] };

/** "Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz" and "Intel Core i5-8350U" are the same CPU. */
export const cpuModelKey = (s) =>
  String(s)
    .replace(/\((?:R|TM)\)|®|™/giu, ' ')
    .replace(/@\s*[\d.]+\s*[GM]Hz/iu, ' ')
    .replace(/\b(?:CPU|Processor)\b/giu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
    .toLowerCase();
const collapse = (s) => String(s).replace(/\s+/g, ' ').trim();
const sorted = (list) => [...new Set(list)].sort();
const sameList = (a, b) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
/** A bare IPv6 address without its zone ("fe80::1%eth0" is "fe80::1"), in lower case. */
const bareAddress = (a) => String(a).split('%')[0].toLowerCase();

/** The values the comparison reads from a Deskside inventory document. */
export function agentFacts(doc, osVersionField = 'version') {
  const s = doc.sections ?? {};
  const interfaces = s.network?.data?.interfaces ?? [];
  const packages = s.software?.data?.packages ?? [];
  const countOf = (sources) => packages.filter((p) => sources.includes(p.source)).length;
  return {
    cpuModel: s.hardware?.data?.cpu.model ?? null,
    cpuThreads: s.hardware?.data?.cpu.threads ?? null,
    cpuCores: s.hardware?.data?.cpu.cores ?? null,
    memoryBytes: s.hardware?.data?.memory.totalBytes ?? null,
    disks: s.storage?.data?.disks ?? null,
    volumes: s.storage?.data?.volumes ?? null,
    hostname: s.system?.data?.hostname ?? null,
    macs: interfaces.map((i) => i.mac).filter((m) => m !== null),
    ips: interfaces.flatMap((i) => [...i.ipv4, ...i.ipv6].map((a) => a.address)),
    programs: Object.fromEntries(Object.entries(PROGRAM_SOURCES).map(([key, sources]) => [key, countOf(sources)])),
    softwareStatus: s.software?.status ?? 'missing',
    osName: s.system?.data?.os.name ?? null,
    osVersion: s.system?.data?.os[osVersionField] ?? null,
    antivirus: s.antivirus?.status === 'ok' ? s.antivirus.data.products.map((p) => p.name) : null,
    firewall: s.firewall?.status === 'ok' ? s.firewall.data.enabled : null,
  };
}

const row = (field, agent, os, agree, note = '') => ({ field, agent, os, agree, note });
const skipped = (field, agent, reason) => ({ field, agent, os: null, agree: null, note: `not compared: ${reason}` });
const isSkip = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && typeof v.skip === 'string';

function within(a, b, tolerance) {
  return typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= tolerance;
}

function compareVolumes(agentVolumes, osVolumes) {
  const rows = [];
  const byMount = new Map((agentVolumes ?? []).map((v) => [v.mount, v]));
  rows.push(row('volumes (mount points)', sorted([...byMount.keys()]), sorted(osVolumes.map((v) => v.mount)), sameList([...byMount.keys()], osVolumes.map((v) => v.mount))));
  for (const os of osVolumes) {
    const agent = byMount.get(os.mount);
    if (!agent) continue;
    const sizeTolerance = Math.ceil(os.sizeBytes * TOLERANCES.volumeSizeFraction);
    rows.push(row(`volume ${os.mount} size`, agent.sizeBytes, os.sizeBytes, within(agent.sizeBytes, os.sizeBytes, sizeTolerance), `± ${sizeTolerance} bytes`));
    const freeTolerance = Math.max(TOLERANCES.freeSpaceBytes, Math.ceil(os.sizeBytes * TOLERANCES.freeSpaceFraction));
    rows.push(row(`volume ${os.mount} free`, agent.freeBytes, os.freeBytes, within(agent.freeBytes, os.freeBytes, freeTolerance), `± ${freeTolerance} bytes (free space moves)`));
  }
  return rows;
}

function compareDisks(agentDisks, osDisks) {
  const sizes = (list) => list.map((d) => d.sizeBytes).sort((a, b) => a - b);
  return [
    row('disks (count)', agentDisks?.length ?? null, osDisks.length, agentDisks?.length === osDisks.length),
    row('disks (sizes)', sizes(agentDisks ?? []), sizes(osDisks), JSON.stringify(sizes(agentDisks ?? [])) === JSON.stringify(sizes(osDisks))),
  ];
}

/**
 * Every compared field as a row: agree is true or false, or null when the OS cannot answer
 * (the note says why). `os` is the object an OS module returns; a field may be { skip: reason }.
 */
export function compareInventory(doc, os) {
  const agent = agentFacts(doc, os.osVersionField);
  const rows = [];
  const add = (field, agentValue, osValue, check, note) => {
    if (isSkip(osValue)) rows.push(skipped(field, agentValue, osValue.skip));
    else rows.push(row(field, agentValue, osValue, check(agentValue, osValue), note));
  };
  add('CPU model', agent.cpuModel, os.cpuModel, (a, b) => a !== null && cpuModelKey(a) === cpuModelKey(b), 'trademark signs, clock and "CPU"/"Processor" aside');
  add('CPU logical processors', agent.cpuThreads, os.cpuThreads, (a, b) => a === b);
  add('CPU cores', agent.cpuCores, os.cpuCores, (a, b) => a === b);
  const memoryTolerance = Math.ceil((typeof os.memoryBytes === 'number' ? os.memoryBytes : 0) * TOLERANCES.memoryFraction);
  add('memory (bytes)', agent.memoryBytes, os.memoryBytes, (a, b) => within(a, b, memoryTolerance), `± ${memoryTolerance} bytes`);
  if (isSkip(os.disks)) rows.push(skipped('disks', agent.disks?.length ?? null, os.disks.skip));
  else rows.push(...compareDisks(agent.disks, os.disks));
  rows.push(...compareVolumes(agent.volumes, os.volumes));
  // Windows upper-cases NetBIOS names and DNS names are case-insensitive; the short name is compared.
  add('host name', agent.hostname, os.hostname, (a, b) => a !== null && a.toLowerCase() === String(b).split('.')[0].toLowerCase());
  add('MAC addresses', sorted(agent.macs.map((m) => m.toLowerCase())), sorted(os.macs.map((m) => m.toLowerCase())), sameList);
  add('IP addresses', sorted(agent.ips.map(bareAddress)), sorted(os.ips.map(bareAddress)), sameList);
  if (isSkip(os.programs)) rows.push(skipped('installed programs', agent.programs, os.programs.skip));
  else {
    for (const [source, count] of Object.entries(os.programs)) {
      const note = agent.softwareStatus === 'ok' ? '' : `software section: ${agent.softwareStatus}`;
      rows.push(row(`installed programs (${source})`, agent.programs[source], count, agent.programs[source] === count, note));
    }
  }
  add('OS name', agent.osName, os.osName, (a, b) => a !== null && collapse(a) === collapse(b));
  add(os.osVersionField === 'kernel' ? 'OS version (kernel)' : 'OS version', agent.osVersion, os.osVersion, (a, b) => a !== null && collapse(a) === collapse(b));
  if (os.antivirusBuiltInOnly) {
    // macOS names only its own protection (XProtect, Gatekeeper); third-party products come on top.
    add('antivirus products (built in)', agent.antivirus === null ? null : sorted(agent.antivirus), sorted(os.antivirus), (a, b) => a !== null && b.every((name) => a.includes(name)), 'the OS names only its built-in protection');
  } else {
    add('antivirus products', agent.antivirus === null ? null : sorted(agent.antivirus), os.antivirus === null ? null : sorted(os.antivirus), (a, b) => a !== null && sameList(a, b));
  }
  add('firewall on', agent.firewall, os.firewall, (a, b) => a === b, 'null: the OS does not say without more rights');
  return rows;
}

const show = (v) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const clip = (s, n) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A fixed-width table a person reads in a CI log. */
export function formatTable(rows) {
  const lines = rows.map((r) => [r.agree === null ? 'skip' : r.agree ? 'ok' : 'DIFF', r.field, clip(show(r.agent), 60), clip(show(r.os), 60), r.note]);
  const header = ['', 'field', 'Deskside', 'the OS', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  return [header, ...lines].map((cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}
