/** The parts of .NET's DateTimeFormatInfo needed to read a date a Windows tool printed. */
export interface CultureDateFormat {
  /** e.g. "M/d/yyyy", "dd/MM/yyyy", "dd.MM.yyyy", "yyyy/M/d" */
  readonly shortDatePattern: string;
  /** e.g. "h:mm tt", "HH:mm", "tt h:mm" */
  readonly shortTimePattern: string;
  readonly amDesignator: string;
  readonly pmDesignator: string;
  /** The machine's UTC offset in minutes (east positive) when the tool ran. */
  readonly offsetMinutes: number;
}

/**
 * Reads "11/29/2026 8:01 AM", "29/11/2026 08:01", "29.11.2026 08:01" or "2026/11/29 上午 8:01" using
 * the culture's own patterns, instead of guessing day/month order. Returns ISO UTC or null.
 */
export function parseCultureDateTime(text: string, culture: CultureDateFormat): string | null {
  const order = culture.shortDatePattern
    .replace(/[^dMy]+/g, ' ')
    .trim()
    .split(' ')
    .map((token) => token[0]);
  const numbers = /^(\d{1,4})\D+(\d{1,2})\D+(\d{1,4})/.exec(text.trim());
  if (!numbers || order.length !== 3) return null;
  const values: Record<string, number> = {};
  order.forEach((key, i) => {
    if (key) values[key] = Number(numbers[i + 1]);
  });
  let year = values.y;
  const month = values.M;
  const day = values.d;
  if (year === undefined || month === undefined || day === undefined) return null;
  if (year < 100) year += 2000;

  const rest = text.trim().slice(numbers[0].length);
  const time = /(\d{1,2}):(\d{2})/.exec(rest);
  if (!time) return null;
  let hour = Number(time[1]);
  const minute = Number(time[2]);
  const pm = culture.pmDesignator !== '' && rest.includes(culture.pmDesignator);
  const am = culture.amDesignator !== '' && rest.includes(culture.amDesignator);
  if (pm && hour < 12) hour += 12;
  if (am && hour === 12) hour = 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute) - culture.offsetMinutes * 60_000;
  return new Date(utc).toISOString();
}
