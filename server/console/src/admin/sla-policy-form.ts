import { PRIORITIES, type BusinessSpan, type SlaPolicy, type SlaPolicyCreate, type SlaTargets } from '@deskside/shared';

/** The editor's text fields for a policy: one spans line per weekday (Sunday first), one date per line. */
export interface SlaPolicyDraft {
  readonly name: string;
  readonly timeZone: string;
  /** e.g. `09:00-17:00` or `08:30-12:00, 13:30-17:30`; empty = closed. */
  readonly days: readonly string[];
  readonly holidays: string;
  readonly targets: SlaTargets;
  readonly isDefault: boolean;
}

const WEEKDAY_SPAN = '09:00-17:00';

export function newDraft(timeZone: string): SlaPolicyDraft {
  return {
    name: '',
    timeZone,
    days: ['', WEEKDAY_SPAN, WEEKDAY_SPAN, WEEKDAY_SPAN, WEEKDAY_SPAN, WEEKDAY_SPAN, ''],
    holidays: '',
    targets: {
      low: { firstResponseMinutes: 480, resolutionMinutes: 2400 },
      medium: { firstResponseMinutes: 240, resolutionMinutes: 960 },
      high: { firstResponseMinutes: 60, resolutionMinutes: 480 },
      critical: { firstResponseMinutes: 15, resolutionMinutes: 240 },
    },
    isDefault: false,
  };
}

export function draftOf(p: SlaPolicy): SlaPolicyDraft {
  return {
    name: p.name,
    timeZone: p.timeZone,
    days: p.week.map((spans) => spans.map((s) => `${s.start}-${s.end}`).join(', ')),
    holidays: p.holidays.join('\n'),
    targets: p.targets,
    isDefault: p.isDefault,
  };
}

/** Spans typed as `HH:MM-HH:MM`, comma separated; null when a piece is not one. */
export function parseSpans(text: string): BusinessSpan[] | null {
  const pieces = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const spans: BusinessSpan[] = [];
  for (const piece of pieces) {
    const m = /^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/.exec(piece);
    if (m === null) return null;
    spans.push({ start: m[1]!.padStart(5, '0'), end: m[2]!.padStart(5, '0') });
  }
  return spans;
}

/**
 * The request body, or the index of the weekday whose text is not spans. Everything else (overlaps,
 * an unknown zone, targets) is checked by the server, which says what is wrong.
 */
export function toPolicyBody(d: SlaPolicyDraft): { body: SlaPolicyCreate } | { badDay: number } {
  const week: BusinessSpan[][] = [];
  for (const [i, text] of d.days.entries()) {
    const spans = parseSpans(text);
    if (spans === null) return { badDay: i };
    week.push(spans);
  }
  const holidays = d.holidays.split(/[\s,]+/).map((h) => h.trim()).filter((h) => h !== '');
  const targets = Object.fromEntries(PRIORITIES.map((p) => [p, d.targets[p]])) as SlaTargets;
  return { body: { name: d.name.trim(), timeZone: d.timeZone.trim(), week, holidays, targets, isDefault: d.isDefault } };
}
