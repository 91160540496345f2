import { parseBinary, parse as parseXml } from 'plist';

import { ParseError } from './powershell-json.js';

const BINARY_MAGIC = 'bplist00';

const isBinary = (bytes: Uint8Array): boolean =>
  bytes.length >= BINARY_MAGIC.length && Buffer.from(bytes.subarray(0, BINARY_MAGIC.length)).toString('latin1') === BINARY_MAGIC;

/**
 * Decodes a property list in either of the forms macOS writes (XML or binary "bplist00"), so callers
 * need not run `plutil` for the common case. Throws ParseError naming `what` when it is neither.
 */
export function decodePlist(input: string | Uint8Array, what: string): unknown {
  try {
    if (typeof input !== 'string' && isBinary(input)) return parseBinary(input);
    const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
    if (text.trim() === '') throw new Error('empty');
    // Checked first because the XML library reports malformed input on the console as well as by throwing.
    if (!/^\s*(<\?xml|<!DOCTYPE plist|<plist)/u.test(text)) throw new Error('neither XML nor binary');
    return parseXml(text);
  } catch (e) {
    throw new ParseError(`${what}: not a property list (${(e as Error).message})`);
  }
}
