export interface RecentErrorEvent {
  readonly time: string | null;
  readonly source: string;
  readonly level: string;
  /** Windows event id; null elsewhere. */
  readonly id: number | null;
  readonly message: string;
}

export const MAX_MESSAGE_CHARS = 500;

export const clipMessage = (s: string): string => {
  const oneLine = s.replace(/\s+/g, ' ').trim();
  return oneLine.length <= MAX_MESSAGE_CHARS ? oneLine : `${oneLine.slice(0, MAX_MESSAGE_CHARS - 1)}…`;
};
