import { promisify } from 'node:util';
import { deflateRaw, inflateRaw } from 'node:zlib';

const deflateRawAsync = promisify(deflateRaw);
const inflateRawAsync = promisify(inflateRaw);

/**
 * Compression runs on libuv's thread pool, off the event loop: an inventory's JSON takes about half a
 * millisecond to deflate and a quarter to inflate, time other requests' callbacks would otherwise wait.
 *
 * Output chunks are sized to hold the whole result: Node's default of 16 KiB costs a round trip
 * between the pool and the event loop per chunk, more CPU than the inflate itself. They are not
 * oversized either, since the result keeps its chunk alive and large buffers bring the garbage
 * collector round sooner. A guess that falls short only costs another chunk.
 */
export function outputChunk(expectedBytes: number): number {
  const MIN = 16 * 1024;
  const MAX = 4 * 1024 * 1024;
  return Math.min(MAX, Math.max(MIN, Math.ceil(expectedBytes / 1024) * 1024 + 1024));
}

/** Inventories' JSON deflates about 7:1; these bound the guesses either way. */
const DEFLATE_RATIO = 4;
const INFLATE_RATIO = 10;

/** Raw deflate of JSON text. Level 2: within 1 % of level 3's size for inventories, at about two thirds of its CPU. */
export const deflateJson = (text: string): Promise<Buffer> => deflateRawAsync(text, { level: 2, chunkSize: outputChunk(text.length / DEFLATE_RATIO) });

export const inflateText = async (z: Buffer): Promise<string> => (await inflateRawAsync(z, { chunkSize: outputChunk(z.length * INFLATE_RATIO) })).toString('utf8');

/** A stored inventory's JSON: the deflated column, or the plain one that rows written before it keep. */
export const storedSectionsText = (row: { readonly sections: string; readonly sections_z: Buffer | null }): Promise<string> =>
  row.sections_z !== null ? inflateText(row.sections_z) : Promise.resolve(row.sections);
