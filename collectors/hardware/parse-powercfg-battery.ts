/**
 * Reads the <Batteries> part of `powercfg /batteryreport /xml` (schema
 * http://schemas.microsoft.com/battery/2012). The report is machine-written with flat leaf elements,
 * so each <Battery> block is read element by element; capacities are in mWh.
 */
export interface PowercfgBattery {
  readonly id: string | null;
  readonly manufacturer: string | null;
  readonly serial: string | null;
  readonly chemistry: string | null;
  readonly designCapacityMwh: number | null;
  readonly fullChargeCapacityMwh: number | null;
  readonly cycleCount: number | null;
}

export function parsePowercfgBatteryReport(xml: string): PowercfgBattery[] {
  const text = xml.replace(/^\uFEFF/, '');
  if (!/<BatteryReport[\s>]/.test(text)) throw new Error('not a powercfg battery report (no <BatteryReport> element)');
  const batteries = /<Batteries>([\s\S]*?)<\/Batteries>/.exec(text)?.[1] ?? '';
  return [...batteries.matchAll(/<Battery>([\s\S]*?)<\/Battery>/g)].map(([, body = '']) => {
    const field = (name: string): string | null => {
      const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(body);
      const value = m?.[1] === undefined ? '' : decodeEntities(m[1]).trim();
      return value === '' ? null : value;
    };
    const number = (name: string): number | null => {
      const value = field(name);
      return value !== null && /^\d+$/.test(value) ? Number(value) : null;
    };
    return {
      id: field('Id'),
      manufacturer: field('Manufacturer'),
      serial: field('SerialNumber'),
      chemistry: field('Chemistry'),
      designCapacityMwh: number('DesignCapacity'),
      fullChargeCapacityMwh: number('FullChargeCapacity'),
      cycleCount: number('CycleCount'),
    };
  });
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
