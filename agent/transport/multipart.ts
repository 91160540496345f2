import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';

export interface MultipartFile {
  readonly field: string;
  readonly filename: string;
  readonly contentType: string;
  readonly path: string;
  readonly size: number;
}

export interface MultipartBody {
  readonly contentType: string;
  readonly contentLength: number;
  /** Re-iterable: each call streams the parts again from disk (a retry after a dropped connection). */
  readonly chunks: () => AsyncIterable<Uint8Array>;
}

const quote = (s: string) => s.replace(/["\\\r\n]/g, (c) => (c === '"' ? '%22' : c === '\\' ? '\\\\' : ''));

/**
 * multipart/form-data (RFC 7578) with JSON fields first and files streamed from disk, so a 10 MiB
 * attachment never sits in memory and Content-Length is known up front.
 */
export function buildMultipart(fields: readonly { name: string; json: string }[], files: readonly MultipartFile[]): MultipartBody {
  const boundary = `----deskside-${randomBytes(12).toString('hex')}`;
  const heads: Buffer[] = [];
  const fieldParts = fields.map((f) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${quote(f.name)}"\r\nContent-Type: application/json; charset=utf-8\r\n\r\n${f.json}\r\n`,
      'utf8',
    ),
  );
  for (const file of files) {
    const filenameStar = encodeURIComponent(file.filename);
    heads.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.filename)}"; filename*=UTF-8''${filenameStar}\r\nContent-Type: ${file.contentType}\r\n\r\n`,
        'utf8',
      ),
    );
  }
  const crlf = Buffer.from('\r\n');
  const tail = Buffer.from(`--${boundary}--\r\n`);
  const contentLength =
    fieldParts.reduce((n, b) => n + b.length, 0) +
    heads.reduce((n, b) => n + b.length, 0) +
    files.reduce((n, f) => n + f.size + crlf.length, 0) +
    tail.length;
  async function* chunks(): AsyncIterable<Uint8Array> {
    for (const part of fieldParts) yield part;
    for (const [i, file] of files.entries()) {
      yield heads[i] as Buffer;
      let streamed = 0;
      for await (const chunk of createReadStream(file.path)) {
        streamed += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
      if (streamed !== file.size) throw new Error(`attachment ${file.filename} changed size while being sent`);
      yield crlf;
    }
    yield tail;
  }
  return { contentType: `multipart/form-data; boundary=${boundary}`, contentLength, chunks };
}
