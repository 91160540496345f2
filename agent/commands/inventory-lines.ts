import type { AnySection, Category, InventoryDocument, SectionDataMap } from '@deskside/shared';
import { CATEGORIES } from '@deskside/shared';

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
export function sectionFacts<K extends Category>(category: K, data: SectionDataMap[K]): string {
  const d = data as SectionDataMap[Category];
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
    case 'antivirus': {
      const a = d as SectionDataMap['antivirus'];
      return a.products.length === 0 ? 'no product found' : a.products.map((p) => `${p.name} (${p.mode})`).join(', ');
    }
    case 'firewall': {
      const f = d as SectionDataMap['firewall'];
      return f.enabled === null ? 'state unknown' : f.enabled ? 'on' : 'off';
    }
    case 'encryption': {
      const e = d as SectionDataMap['encryption'];
      return e.systemVolumeProtected === null ? 'system volume: unknown' : `system volume ${e.systemVolumeProtected ? 'protected' : 'not protected'}`;
    }
    case 'updates': {
      const up = d as SectionDataMap['updates'];
      return join([up.pendingUpdates !== null ? `${up.pendingUpdates} pending` : null, up.pendingReboot ? 'reboot pending' : null]) || 'no pending update known';
    }
    case 'backup': {
      const b = d as SectionDataMap['backup'];
      return `overall ${b.overall}`;
    }
  }
}

/** One line per section: name, status, duration, then its key facts or why it has none. */
export function summaryLines(doc: InventoryDocument): string[] {
  const lines = [`Deskside inventory of ${doc.device.hostname} at ${doc.collectedAt} (${doc.kind})`];
  for (const category of CATEGORIES) {
    const section = doc.sections[category] as AnySection | undefined;
    if (!section) continue;
    const detail =
      section.data !== null && section.data !== undefined
        ? sectionFacts(category, section.data as SectionDataMap[typeof category]) + (section.status !== 'ok' && section.error ? ` (${section.error})` : '')
        : (section.error ?? '');
    const permission = section.missingPermission ? ` [needs ${section.missingPermission}]` : '';
    lines.push(`${category.padEnd(12)} ${section.status.padEnd(17)} ${String(section.durationMs).padStart(6)} ms  ${detail}${permission}`);
  }
  return lines;
}
