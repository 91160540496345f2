/** Conversions at the storage edge: epoch ms ↔ ISO text, 0/1 ↔ boolean, JSON text ↔ values. */
export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));
export const bool = (v: number): boolean => v !== 0;
export const bit = (v: boolean): number => (v ? 1 : 0);
export const json = (v: unknown): string => JSON.stringify(v);
export const parseJson = <T>(text: string): T => JSON.parse(text) as T;
/** COUNT(*) arrives as number (SQLite) or bigint text (PostgreSQL). */
export const count = (v: unknown): number => Number(v ?? 0);

/** Escapes LIKE wildcards in user text so `50%` finds "50%" rather than everything. */
export function likeContains(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface PageWindow {
  readonly page: number;
  readonly pageSize: number;
}
export const offsetOf = (w: PageWindow): number => (w.page - 1) * w.pageSize;
