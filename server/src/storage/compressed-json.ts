import { promisify } from 'node:util';
import { deflateRaw, inflateRaw } from 'node:zlib';

const deflateRawAsync = promisify(deflateRaw);
const inflateRawAsync = promisify(inflateRaw);

/**
 * Compression runs on libuv's thread pool, off the event loop: an inventory's JSON takes about half a
 * millisecond to deflate and a quarter to inflate, time other requests' callbacks would otherwise wait.
 * Output chunks hold a whole document: Node's default of 16 KiB costs a round trip between the pool
 * and the event loop per chunk, more CPU than the inflate itself.
 */
export const INFLATE_CHUNK = 1024 * 1024;
const DEFLATE_CHUNK = 128 * 1024;

/** Raw deflate of JSON text. Level 2: within 1 % of level 3's size for inventories, at about two thirds of its CPU. */
export const deflateJson = (text: string): Promise<Buffer> => deflateRawAsync(text, { level: 2, chunkSize: DEFLATE_CHUNK });

export const inflateText = async (z: Buffer): Promise<string> => (await inflateRawAsync(z, { chunkSize: INFLATE_CHUNK })).toString('utf8');
