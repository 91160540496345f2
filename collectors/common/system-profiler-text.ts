/**
 * system_profiler's text form, for Macs older than 10.15 where `-json` does not exist. The text is an
 * indented outline: "Header:" lines open a level, "Key: Value" lines are leaves. toProfilerJson maps the
 * labels the hardware and system parsers need onto the keys `-json` uses, so one parser reads both.
 */
export interface ProfilerTextNode {
  [key: string]: string | ProfilerTextNode;
}

export function parseSystemProfilerText(text: string): ProfilerTextNode {
  const root: ProfilerTextNode = {};
  const stack: { indent: number; node: ProfilerTextNode }[] = [{ indent: -1, node: root }];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '') continue;
    const indent = raw.length - raw.trimStart().length;
    const line = raw.trim();
    const header = /^(.+?):$/.exec(line);
    const pair = header ? null : /^(.+?):\s+(.*)$/.exec(line);
    if (!header && !pair) continue;
    while (stack.length > 1 && (stack.at(-1)?.indent ?? -1) >= indent) stack.pop();
    const parent = stack.at(-1)?.node ?? root;
    if (header?.[1]) {
      const node: ProfilerTextNode = {};
      parent[header[1]] = node;
      stack.push({ indent, node });
    } else if (pair?.[1] && pair[2] !== undefined) {
      parent[pair[1]] = pair[2];
    }
  }
  return root;
}

type Node = ProfilerTextNode | string | undefined;

const child = (node: Node, ...names: string[]): Node => {
  if (node === undefined || typeof node === 'string') return undefined;
  const keys = Object.keys(node);
  for (const name of names) {
    const key = keys.find((k) => k.toLowerCase() === name.toLowerCase());
    if (key !== undefined) return node[key];
  }
  return undefined;
};
const text = (node: Node, ...names: string[]): string | undefined => {
  const value = child(node, ...names);
  return typeof value === 'string' ? value : undefined;
};
const defined = (entries: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(entries).filter((e): e is [string, string] => e[1] !== undefined));

/** The `-json` shape of SPHardwareDataType, SPSoftwareDataType, SPMemoryDataType and SPPowerDataType. */
export function toProfilerJson(tree: ProfilerTextNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const hw = child(child(tree, 'Hardware'), 'Hardware Overview');
  if (hw !== undefined) {
    out.SPHardwareDataType = [
      defined({
        machine_name: text(hw, 'Model Name', 'Machine Name'),
        machine_model: text(hw, 'Model Identifier', 'Machine Model'),
        chip_type: text(hw, 'Chip'),
        cpu_type: text(hw, 'Processor Name', 'CPU Type'),
        current_processor_speed: text(hw, 'Processor Speed', 'CPU Speed'),
        packages: text(hw, 'Number of Processors', 'Number Of CPUs'),
        number_processors: text(hw, 'Total Number of Cores'),
        physical_memory: text(hw, 'Memory'),
        boot_rom_version: text(hw, 'Boot ROM Version', 'System Firmware Version'),
        serial_number: text(hw, 'Serial Number (system)', 'Serial Number'),
        platform_UUID: text(hw, 'Hardware UUID'),
      }),
    ];
  }
  const sw = child(child(tree, 'Software'), 'System Software Overview');
  if (sw !== undefined) {
    out.SPSoftwareDataType = [defined({ os_version: text(sw, 'System Version'), kernel_version: text(sw, 'Kernel Version'), user_name: text(sw, 'User Name') })];
  }
  const memory = child(tree, 'Memory');
  if (memory !== undefined && typeof memory !== 'string') {
    // 10.6 and later group the modules under "Memory Slots:"; Mac OS X 10.4 and 10.5 list them directly
    // under "Memory:", where a module is a header with a Size.
    const grouped = child(memory, 'Memory Slots');
    const slots = grouped && typeof grouped !== 'string' ? grouped : memory;
    const items =
      slots !== undefined
        ? Object.entries(slots)
            .filter((e): e is [string, ProfilerTextNode] => typeof e[1] !== 'string')
            .filter(([, slot]) => slots !== memory || text(slot, 'Size') !== undefined)
            .map(([name, slot]) =>
              defined({
                _name: name,
                dimm_size: text(slot, 'Size'),
                dimm_type: text(slot, 'Type'),
                dimm_speed: text(slot, 'Speed'),
                dimm_status: text(slot, 'Status'),
                dimm_manufacturer: text(slot, 'Manufacturer'),
                dimm_part_number: text(slot, 'Part Number'),
                dimm_serial_number: text(slot, 'Serial Number'),
              }),
            )
        : [];
    out.SPMemoryDataType =
      items.length > 0
        ? [{ _items: items }]
        : [defined({ SPMemoryDataType: text(memory, 'Memory'), dimm_type: text(memory, 'Type'), dimm_manufacturer: text(memory, 'Manufacturer') })];
  }
  const battery = child(child(tree, 'Power'), 'Battery Information');
  if (battery !== undefined) {
    const model = child(battery, 'Model Information');
    const charge = child(battery, 'Charge Information');
    const health = child(battery, 'Health Information');
    out.SPPowerDataType = [
      {
        _name: 'spbattery_information',
        sppower_battery_model_info: defined({
          sppower_battery_device_name: text(model, 'Device Name'),
          sppower_battery_manufacturer: text(model, 'Manufacturer'),
          sppower_battery_serial_number: text(model, 'Serial Number'),
        }),
        sppower_battery_charge_info: defined({ sppower_battery_is_charging: text(charge, 'Charging'), sppower_battery_state_of_charge: text(charge, 'State of Charge (%)') }),
        sppower_battery_health_info: defined({
          sppower_battery_cycle_count: text(health, 'Cycle Count'),
          sppower_battery_health_maximum_capacity: text(health, 'Maximum Capacity')?.replace(/\s+%$/, '%'),
        }),
      },
    ];
  }
  return out;
}

/** `-json` output when the Mac supports it, else the text form converted; null when neither parses. */
export function profilerOutput(stdout: string): Record<string, unknown> | null {
  const trimmed = stdout.trim();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed) as Record<string, unknown>;
    } catch {
      return null;
    }
  }
  const converted = toProfilerJson(parseSystemProfilerText(stdout));
  return Object.keys(converted).length > 0 ? converted : null;
}
