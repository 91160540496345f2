import { z } from 'zod';

/**
 * Caps on what one message may carry. They protect the server from a broken or hostile agent and keep
 * one odd machine (50,000 fonts registered as software, say) from filling the database.
 */
export const LIMITS = {
  shortText: 256,
  mediumText: 2_000,
  longText: 20_000,
  ticketSubject: 200,
  ticketDescription: 20_000,
  listItems: 512,
  packages: 20_000,
  attachments: 10,
  attachmentBytes: 10 * 1024 * 1024,
  screenshotBytes: 8 * 1024 * 1024,
} as const;

/** A string that must hold something, capped at `max` characters. */
export const text = (max: number = LIMITS.shortText) => z.string().min(1).max(max);

/** A string that may be empty (the source gave nothing), capped at `max` characters. */
export const anyText = (max: number = LIMITS.shortText) => z.string().max(max);

/** A value we may not know: `null` means unknown, never "off" or "none". */
export const maybeText = (max: number = LIMITS.shortText) => z.string().max(max).nullable();

/** Known true, known false, or unknown (`null`). Unknown is never shown as off. */
export const triState = z.boolean().nullable();

export const isoDateTime = z.iso.datetime({ offset: true });
export const maybeDateTime = isoDateTime.nullable();

export const nonNegativeInt = z.number().int().nonnegative();
export const maybeCount = nonNegativeInt.nullable();
export const maybeNumber = z.number().finite().nullable();

export const list = <T extends z.ZodType>(item: T, max: number = LIMITS.listItems) => z.array(item).max(max);

export const macAddress = z.string().regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/, 'MAC address as six lower-case hex pairs separated by ":"');
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 as 64 lower-case hex digits');
export const uuid = z.uuid();
