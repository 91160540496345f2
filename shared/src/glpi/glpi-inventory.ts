import type { Category, InventoryDocument, SectionDataMap } from '../inventory/document.js';
import { bool, glpiDate, glpiDateTime, glpiTimezone, int, ipv4Netmask, ipv4Subnet, isIpv4, known, megabytes, mib, splitLogin, str } from './glpi-values.js';

/**
 * Deskside's inventory as GLPI's native inventory document (the JSON format of glpi-project's
 * inventory_format, which GLPI 10+ reads at /front/inventory.php). A pure function of the document,
 * used by `deskside-agent inventory --format glpi` and by the server when it forwards inventories.
 *
 * A section Deskside could not collect is left out rather than sent empty: GLPI then keeps what it
 * knew, where an empty list would tell it the machine has no software or no disks. A section that was
 * read sends its lists even when empty: the antivirus that was removed disappears from GLPI too.
 */

type GlpiValue = string | number | boolean | readonly string[] | GlpiRecord;
export interface GlpiRecord {
  readonly [key: string]: GlpiValue;
}

export interface GlpiContent {
  readonly versionclient: string;
  readonly [section: string]: GlpiValue | readonly GlpiRecord[];
}

export interface GlpiInventory {
  /** The agent's name for itself in GLPI: stable across runs, so GLPI updates one computer. */
  readonly deviceid: string;
  readonly action: 'inventory';
  readonly itemtype: 'Computer';
  readonly partial: false;
  readonly tag?: string;
  readonly content: GlpiContent;
}

export interface GlpiInventoryOptions {
  /** Default: the hostname and the machine's hardware UUID, serial or first MAC (stable per machine). */
  readonly deviceId?: string;
  /** GLPI's inventory tag (entity rules can route on it). */
  readonly tag?: string;
}

/** Deskside's categories GLPI's format has no section for: `inventory --format glpi` does not collect them. */
export const GLPI_UNMAPPED_CATEGORIES = ['updates', 'backup'] as const satisfies readonly Category[];

/** `deskside-agent` as a GLPI agent names itself: `<product>_v<version>` (GLPI reads the version from it). */
export const glpiClientVersion = (agentVersion: string): string => `Deskside-Agent_v${agentVersion}`;

/** A stable `deviceid` for a machine: its hostname and the first stable identifier it has. */
export function defaultGlpiDeviceId(doc: Pick<InventoryDocument, 'device'>): string {
  const anchor = doc.device.hardwareUuid ?? doc.device.serial ?? doc.device.macs[0]?.replaceAll(':', '') ?? null;
  const clean = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '-');
  return anchor === null ? clean(doc.device.hostname) : `${clean(doc.device.hostname)}-${clean(anchor)}`;
}

type Data<K extends Category> = SectionDataMap[K] | undefined;

/** A section's data when it has any (a partly failed section may still carry what it read). */
function data<K extends Category>(doc: InventoryDocument, key: K): Data<K> {
  const section = doc.sections[key] as { data: SectionDataMap[K] | null } | undefined;
  return section?.data ?? undefined;
}


/** GLPI's CPU architectures from Deskside's one spelling (`x64`, `arm64`, `x86`, `arm`). */
function cpuArch(arch: string | undefined): string | undefined {
  switch (arch) {
    case 'x64':
      return 'x86_64';
    case 'arm64':
      return 'aarch64';
    case 'x86':
      return 'i686';
    case 'arm':
      return 'arm';
    default:
      return arch !== undefined && /^(mips|mips64|alpha|sparc|sparc64|m68k|i\d86|x86_64|powerpc|powerpc64|arm.*|aarch64)$/.test(arch) ? arch : undefined;
  }
}

/** glpi-agent's KERNEL_NAME: Perl's $^O of each platform. */
const KERNEL_NAMES = { win32: 'MSWin32', darwin: 'darwin', linux: 'linux' } as const;

function hardware(system: Data<'system'>, hw: Data<'hardware'>, network: Data<'network'>): GlpiRecord | undefined {
  if (system === undefined && hw === undefined) return undefined;
  const gateway = network?.defaultGateways.find((g) => g.family === 'ipv4')?.address;
  const user = str(system?.loggedInUser);
  const vm = system?.virtualMachine;
  return known({
    name: str(system?.hostname),
    uuid: str(system?.hardwareUuid),
    memory: mib(hw?.memory.totalBytes),
    workgroup: str(system?.domain) ?? str(system?.workgroup),
    chassis_type: str(system?.chassisType),
    vmsystem: vm === false ? 'Physical' : vm === true ? str(system?.hypervisor) : undefined,
    lastloggeduser: user === undefined ? undefined : splitLogin(user).login,
    defaultgateway: gateway,
    dns: network && network.dns.servers.length > 0 ? network.dns.servers.join('/') : undefined,
  });
}

function bios(system: Data<'system'>, hw: Data<'hardware'>): GlpiRecord | undefined {
  if (system === undefined && hw === undefined) return undefined;
  return known({
    bdate: glpiDate(hw?.bios.releaseDate),
    bmanufacturer: str(hw?.bios.vendor),
    bversion: str(hw?.bios.version),
    mmanufacturer: str(hw?.baseboard.manufacturer),
    mmodel: str(hw?.baseboard.model),
    msn: str(hw?.baseboard.serial),
    smanufacturer: str(system?.manufacturer),
    smodel: str(system?.model),
    ssn: str(system?.serial),
  });
}

function operatingSystem(system: Data<'system'>, collectedAt: Date): GlpiRecord | undefined {
  if (system === undefined) return undefined;
  const timezone = glpiTimezone(system.timezone, collectedAt);
  return known({
    name: str(system.os.name),
    full_name: str(system.os.name),
    version: str(system.os.version),
    kernel_name: KERNEL_NAMES[system.os.platform],
    kernel_version: str(system.os.kernel) ?? str(system.os.build),
    arch: cpuArch(str(system.os.arch)) ?? str(system.os.arch),
    boot_time: glpiDateTime(system.bootTime),
    fqdn: str(system.fqdn),
    dns_domain: str(system.domain),
    timezone,
  });
}

function cpus(hw: Data<'hardware'>, system: Data<'system'>): readonly GlpiRecord[] | undefined {
  if (hw === undefined) return undefined;
  const cpu = hw.cpu;
  if (cpu.model === null && cpu.manufacturer === null && cpu.cores === null && cpu.baseSpeedMhz === null) return undefined;
  const sockets = Math.max(1, cpu.sockets ?? 1);
  const perSocket = (n: number | null): number | undefined => (n === null ? undefined : Math.max(1, Math.round(n / sockets)));
  const one = known({
    name: str(cpu.model),
    manufacturer: str(cpu.manufacturer),
    core: perSocket(cpu.cores),
    corecount: perSocket(cpu.cores),
    // Threads of the whole package, as glpi-agent reports dmidecode's "Thread Count".
    thread: perSocket(cpu.threads),
    speed: int(cpu.baseSpeedMhz),
    arch: cpuArch(str(system?.os.arch)),
  });
  return Array.from({ length: sockets }, () => one);
}

function memories(hw: Data<'hardware'>): readonly GlpiRecord[] | undefined {
  return hw === undefined
    ? undefined
    : (
        hw.memory.modules.map((m, i) =>
          known({
            capacity: mib(m.sizeBytes),
            caption: str(m.slot),
            description: str(m.slot),
            manufacturer: str(m.manufacturer),
            serialnumber: str(m.serial),
            model: str(m.partNumber),
            speed: m.speedMhz === null ? undefined : `${Math.round(m.speedMhz)} MHz`,
            type: str(m.type),
            numslots: i + 1,
          }),
        )
      );
}

function videos(hw: Data<'hardware'>): readonly GlpiRecord[] | undefined {
  const main = hw?.displays.find((d) => d.main === true) ?? hw?.displays[0];
  const resolution = main?.widthPx && main.heightPx ? `${main.widthPx}x${main.heightPx}` : undefined;
  return hw === undefined
    ? undefined
    : hw.gpus.map((g, i) => known({ name: str(g.model) ?? str(g.vendor), chipset: str(g.vendor), memory: mib(g.vramBytes), resolution: i === 0 ? resolution : undefined }));
}

function monitors(hw: Data<'hardware'>): readonly GlpiRecord[] | undefined {
  return hw === undefined
    ? undefined
    : hw.displays.map((d) => known({ name: str(d.model), caption: str(d.model), manufacturer: str(d.vendor), serial: str(d.serial), port: str(d.connection) }));
}

function batteries(hw: Data<'hardware'>): readonly GlpiRecord[] | undefined {
  return hw === undefined
    ? undefined
    : (
        hw.batteries.map((b) =>
          known({ name: str(b.model), manufacturer: str(b.manufacturer), capacity: int(b.designCapacityMwh), real_capacity: int(b.fullChargeCapacityMwh) }),
        )
      );
}

const DISK_KINDS = { ssd: 'SSD', hdd: 'HDD', nvme: 'NVMe SSD', removable: 'Removable', virtual: 'Virtual disk', unknown: undefined } as const;

function storages(storage: Data<'storage'>): readonly GlpiRecord[] | undefined {
  return storage === undefined
    ? undefined
    : (
        storage.disks.map((d) =>
          known({
            // glpi-agent names Unix disks without /dev/ ("sda") and Windows ones by their device path.
            name: str(d.device?.replace(/^\/dev\//, '')),
            model: str(d.model),
            serial: str(d.serial),
            disksize: megabytes(d.sizeBytes),
            interface: str(d.interface),
            description: DISK_KINDS[d.type],
            type: d.type === 'removable' || d.removable === true ? 'removable' : 'disk',
          }),
        )
      );
}

const ENCRYPTION_NAMES = { bitlocker: 'BitLocker', filevault: 'FileVault', luks: 'cryptsetup', 'dm-crypt': 'cryptsetup', ecryptfs: 'eCryptfs', other: undefined, none: undefined, unknown: undefined } as const;

function drives(storage: Data<'storage'>, encryption: Data<'encryption'>, platform: string | undefined): readonly GlpiRecord[] | undefined {
  if (storage === undefined) return undefined;
  return (
    storage.volumes.map((v) => {
      const letter = platform === 'win32' ? /^([A-Za-z]:)\\?$/.exec(v.mount)?.[1]?.toUpperCase() : undefined;
      const crypt = encryption?.volumes.find((e) => e.mount === v.mount || (letter !== undefined && e.mount.toUpperCase().startsWith(letter)));
      const encrypted = crypt?.encrypted ?? null;
      return known({
        letter,
        type: letter === undefined ? v.mount : undefined,
        systemdrive: platform === 'win32' ? v.system : undefined,
        volumn: str(v.device),
        label: str(v.label),
        filesystem: str(v.filesystem),
        total: mib(v.sizeBytes),
        free: mib(v.freeBytes),
        encrypt_name: encrypted === null ? undefined : ENCRYPTION_NAMES[crypt?.method ?? 'unknown'],
        encrypt_status: encrypted === null ? undefined : !encrypted ? 'No' : crypt?.percentEncrypted !== null && (crypt?.percentEncrypted ?? 100) < 100 ? 'Partially' : 'Yes',
        encrypt_type: encrypted === true ? 'software' : undefined,
      });
    })
  );
}

/** glpi-agent's FROM for each of Deskside's package sources. */
const SOFTWARE_FROM = {
  registry: 'registry',
  'registry-user': 'registry',
  appx: 'uwp',
  hotfix: 'WMI',
  'app-bundle': 'application',
  pkgutil: 'pkgutil',
  homebrew: 'homebrew',
  dpkg: 'deb',
  rpm: 'rpm',
  flatpak: 'flatpak',
  snap: 'snap',
} as const;

function softwares(software: Data<'software'>): readonly GlpiRecord[] | undefined {
  return software === undefined
    ? undefined
    : software.packages.map((p) =>
        known({
          name: p.name,
          version: str(p.version),
          publisher: str(p.publisher),
          install_date: glpiDate(p.installDate),
          folder: str(p.installLocation),
          arch: str(p.arch),
          from: SOFTWARE_FROM[p.source],
          system_category: p.source === 'hotfix' ? 'Update' : undefined,
        })
      );
}

function networks(network: Data<'network'>): readonly GlpiRecord[] | undefined {
  if (network === undefined) return undefined;
  const entries: GlpiRecord[] = [];
  for (const nic of network.interfaces) {
    const wifi = network.wifi.find((w) => w.interface === nic.name);
    const gateway = network.defaultGateways.find((g) => g.family === 'ipv4' && g.interface === nic.name)?.address;
    const type = { wired: 'ethernet', wireless: 'wifi', loopback: 'loopback', bridge: 'bridge', virtual: undefined, vpn: undefined, cellular: undefined, other: undefined }[nic.kind];
    const base = known({
      description: str(nic.displayName) ?? nic.name,
      mac: nic.mac ?? undefined,
      status: nic.up === null ? undefined : nic.up ? 'up' : 'down',
      type,
      virtualdev: nic.kind === 'wired' || nic.kind === 'wireless' ? false : nic.kind === 'other' || nic.kind === 'cellular' ? undefined : true,
      speed: nic.speedMbps === null ? undefined : String(Math.round(nic.speedMbps)),
      mtu: nic.mtu ?? undefined,
      wifi_ssid: str(wifi?.ssid),
      wifi_bssid: str(wifi?.bssid),
    }) as GlpiRecord;
    // glpi-agent sends one entry per address, each repeating the interface's facts.
    const v4 = nic.ipv4.filter((a) => isIpv4(a.address));
    const addresses: GlpiRecord[] = [
      ...v4.map((a) =>
        known({
          ipaddress: a.address,
          ipmask: a.prefixLength === null ? undefined : ipv4Netmask(a.prefixLength),
          ipsubnet: a.prefixLength === null ? undefined : ipv4Subnet(a.address, a.prefixLength),
          ipgateway: gateway,
        }) as GlpiRecord,
      ),
      ...nic.ipv6.map((a) => ({ ipaddress6: a.address }) as GlpiRecord),
    ];
    if (addresses.length === 0) entries.push(base);
    else for (const address of addresses) entries.push({ ...base, ...address });
  }
  return entries;
}

function antivirus(av: Data<'antivirus'>): readonly GlpiRecord[] | undefined {
  return av === undefined
    ? undefined
    : (
        av.products.map((p) =>
          known({
            name: p.name,
            company: str(p.vendor),
            version: str(p.version),
            enabled: bool(p.enabled ?? (p.mode === 'active' ? true : p.mode === 'disabled' ? false : null)),
            uptodate: bool(p.signaturesUpToDate),
            base_version: str(p.signatureVersion),
            base_creation: glpiDate(p.signaturesUpdatedAt),
          }),
        )
      );
}

function firewalls(fw: Data<'firewall'>): readonly GlpiRecord[] | undefined {
  if (fw === undefined) return undefined;
  const status = (on: boolean | null): string | undefined => (on === null ? undefined : on ? 'on' : 'off');
  const entries: GlpiRecord[] = [];
  for (const p of fw.profiles) {
    const s = status(p.enabled);
    if (s !== undefined) entries.push({ profile: p.name, status: s });
  }
  for (const p of fw.products) {
    const s = status(p.enabled);
    if (s !== undefined) entries.push({ description: p.name, status: s });
  }
  const overall = status(fw.enabled);
  if (entries.length === 0 && overall !== undefined) entries.push({ status: overall });
  return entries;
}

function users(u: Data<'users'>): readonly GlpiRecord[] | undefined {
  if (u === undefined) return undefined;
  const seen = new Set<string>();
  const entries: GlpiRecord[] = [];
  for (const session of u.sessions) {
    const { login, domain } = splitLogin(session.user);
    const key = `${domain ?? ''}\\${login}`.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push(known({ login, domain }) as GlpiRecord);
  }
  return entries;
}

function printers(p: Data<'peripherals'>): readonly GlpiRecord[] | undefined {
  return p === undefined
    ? undefined
    : (p.printers.map((x) => known({ name: x.name, driver: str(x.driver), port: str(x.port), status: str(x.status), shared: bool(x.shared), network: bool(x.network) })));
}

function usbDevices(p: Data<'peripherals'>): readonly GlpiRecord[] | undefined {
  return p === undefined
    ? undefined
    : (
        p.usb.map((x) =>
          known({ name: x.name, manufacturer: str(x.vendor), vendorid: str(x.vendorId)?.toUpperCase(), productid: str(x.productId)?.toUpperCase(), serial: str(x.serial), class: str(x.deviceClass) }),
        )
      );
}

/** The GLPI native inventory document of a Deskside inventory. */
export function toGlpiInventory(doc: InventoryDocument, options: GlpiInventoryOptions = {}): GlpiInventory {
  const system = data(doc, 'system');
  const hw = data(doc, 'hardware');
  const storage = data(doc, 'storage');
  const network = data(doc, 'network');
  const peripherals = data(doc, 'peripherals');
  const collectedAt = new Date(doc.collectedAt);
  const user = str(system?.loggedInUser);
  const content = known({
    versionclient: glpiClientVersion(doc.agentVersion),
    hardware: hardware(system, hw, network),
    bios: bios(system, hw),
    operatingsystem: operatingSystem(system, collectedAt),
    accesslog: known({ logdate: glpiDateTime(doc.collectedAt) ?? '', userid: user === undefined ? undefined : splitLogin(user).login }),
    cpus: cpus(hw, system),
    memories: memories(hw),
    videos: videos(hw),
    monitors: monitors(hw),
    batteries: batteries(hw),
    storages: storages(storage),
    drives: drives(storage, data(doc, 'encryption'), system?.os.platform),
    softwares: softwares(data(doc, 'software')),
    networks: networks(network),
    antivirus: antivirus(data(doc, 'antivirus')),
    firewalls: firewalls(data(doc, 'firewall')),
    users: users(data(doc, 'users')),
    printers: printers(peripherals),
    usbdevices: usbDevices(peripherals),
  }) as GlpiContent;
  return {
    deviceid: options.deviceId ?? defaultGlpiDeviceId(doc),
    action: 'inventory',
    itemtype: 'Computer',
    partial: false,
    ...(options.tag !== undefined && options.tag !== '' ? { tag: options.tag } : {}),
    content,
  };
}
