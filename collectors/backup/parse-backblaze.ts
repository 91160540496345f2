import { isoFromMs } from '../protection/dates.js';

/**
 * Backblaze writes bzreports/bzstat_lastbackupcompleted.xml after each completed backup; its
 * `gmt_millis` attribute is the completion time in epoch milliseconds.
 */
export function parseBackblazeLastCompleted(xml: string): string | null {
  const millis = /gmt_millis\s*=\s*"(\d{10,16})"/i.exec(xml)?.[1];
  return millis == null ? null : isoFromMs(Number(millis));
}
