import type { AnySection, Category, InventoryDocument, ProtectionFinding, ProtectionSection, SectionDataMap } from '@deskside/shared/inventory';
import { CATEGORIES, PROTECTION_CATEGORIES, REMOTE_TOOL_NAMES, summarizeProtection } from '@deskside/shared/inventory';

/** Sections whose line is a fact sheet; the protection sections are read by the shared summary. */
type FactCategory = Exclude<Category, ProtectionSection>;
const isProtection = (c: Category): c is ProtectionSection => (PROTECTION_CATEGORIES as readonly Category[]).includes(c);

const GB = 1024 ** 3;
const gb = (bytes: number | null): string => (bytes === null ? '?' : `${(bytes / GB).toFixed(bytes >= 100 * GB ? 0 : 1)} GB`);

function uptime(seconds: number | null): string | null {
  if (seconds === null) return null;
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  return days > 0 ? `up ${days} d ${hours} h` : hours > 0 ? `up ${hours} h ${minutes} min` : `up ${minutes} min`;
}

const join = (parts: readonly (string | null | undefined | false)[]): string => parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' · ');

/** The few facts of a section a technician wants on one line. */
export function sectionFacts<K extends FactCategory>(category: K, data: SectionDataMap[K]): string {
  const d = data as SectionDataMap[FactCategory];
  switch (category) {
    case 'system': {
      const s = d as SectionDataMap['system'];
      return join([
        s.hostname,
        `${s.os.name}${s.os.build ? ` (${s.os.build})` : ''}`,
        s.os.arch,
        [s.manufacturer, s.model].filter(Boolean).join(' ') || null,
        s.serial ? `S/N ${s.serial}` : null,
        s.virtualMachine ? `VM${s.hypervisor ? ` (${s.hypervisor})` : ''}` : null,
        uptime(s.uptimeSeconds),
        s.loggedInUser ? `user ${s.loggedInUser}` : null,
      ]);
    }
    case 'hardware': {
      const h = d as SectionDataMap['hardware'];
      const battery = h.batteries[0];
      return join([
        h.cpu.model,
        h.cpu.cores !== null ? `${h.cpu.cores} cores/${h.cpu.threads ?? '?'} threads` : null,
        `${gb(h.memory.totalBytes)} RAM${h.memory.modules.length > 0 ? ` in ${h.memory.modules.length} module(s)` : ''}`,
        h.gpus.length > 0 ? `${h.gpus.length} GPU` : null,
        h.displays.length > 0 ? `${h.displays.length} display(s)` : null,
        battery ? `battery ${battery.healthPercent !== null ? `${battery.healthPercent}% health` : 'present'}` : null,
      ]);
    }
    case 'storage': {
      const st = d as SectionDataMap['storage'];
      const system = st.volumes.find((v) => v.system);
      return join([
        `${st.disks.length} disk(s)`,
        `${st.volumes.length} volume(s)`,
        system ? `${system.mount} ${gb(system.freeBytes)} free of ${gb(system.sizeBytes)}${system.freePercent !== null ? ` (${system.freePercent}%)` : ''}` : null,
      ]);
    }
    case 'software': {
      const sw = d as SectionDataMap['software'];
      return `${sw.packages.length} package(s)${sw.truncated ? ' (truncated)' : ''}`;
    }
    case 'network': {
      const n = d as SectionDataMap['network'];
      const up = n.interfaces.filter((i) => i.up === true && i.kind !== 'loopback');
      return join([`${up.length} interface(s) up`, n.defaultGateways[0] ? `gateway ${n.defaultGateways[0].address}` : null, n.wifi[0]?.ssid ? `Wi-Fi ${n.wifi[0].ssid}` : null]);
    }
    case 'users': {
      const u = d as SectionDataMap['users'];
      return join([`${u.sessions.length} session(s)`, `${u.localAccounts.length} local account(s)`]);
    }
    case 'peripherals': {
      const p = d as SectionDataMap['peripherals'];
      const def = p.printers.find((x) => x.isDefault);
      return join([`${p.printers.length} printer(s)`, def ? `default ${def.name}` : null, `${p.usb.length} USB device(s)`]);
    }
    case 'remoteAccess': {
      const r = d as SectionDataMap['remoteAccess'];
      const handles = r.handles.map((h) => `${REMOTE_TOOL_NAMES[h.tool]} ${h.id ?? '(no ID)'}`);
      const on = r.services.filter((s) => s.enabled === true).map((s) => (s.product ? `${s.service} on (${s.product})` : `${s.service} on`));
      return join([handles.length > 0 ? handles.join(', ') : 'no remote-access tool', ...on]);
    }
  }
}

/** The finding without its "<Section>: " label (the line already starts with the section's name), marked when it needs a look. */
function protectionDetail(finding: ProtectionFinding): string {
  const what = finding.text.slice(finding.text.indexOf(': ') + 2);
  switch (finding.severity) {
    case 'problem':
      return `PROBLEM: ${what}`;
    case 'warning':
      return `WARNING: ${what}`;
    case 'ok':
    case 'unknown':
      return what;
  }
}

/**
 * One line per section: name, status, duration, then its key facts or why it has none. Protection
 * sections say what the shared protection summary says (the console's and the tray's wording), as of
 * the collection.
 */
export function summaryLines(doc: InventoryDocument): string[] {
  const lines = [`Deskside inventory of ${doc.device.hostname} at ${doc.collectedAt} (${doc.kind})`];
  const protection = new Map(summarizeProtection(doc.sections, new Date(doc.collectedAt)).map((f) => [f.section, f]));
  for (const category of CATEGORIES) {
    const section = doc.sections[category] as AnySection | undefined;
    if (!section) continue;
    const finding = isProtection(category) ? protection.get(category) : undefined;
    const facts = () => (finding ? protectionDetail(finding) : sectionFacts(category as FactCategory, section.data as SectionDataMap[FactCategory]));
    const detail =
      section.data !== null && section.data !== undefined ? facts() + (section.status !== 'ok' && section.error ? ` (${section.error})` : '') : (section.error ?? '');
    const permission = section.missingPermission ? ` [needs ${section.missingPermission}]` : '';
    lines.push(`${category.padEnd(12)} ${section.status.padEnd(17)} ${String(section.durationMs).padStart(6)} ms  ${detail}${permission}`);
  }
  return lines;
}
