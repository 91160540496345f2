import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { decodeByBom } from '../../../collectors/exec/decode.js';

/**
 * The real captures other projects published, kept beside the repository (../shared/fixtures) and read
 * in place: a conformance suite, never copied into Deskside. Absent on a fresh clone, where the suites
 * skip with a note.
 */
export const SHARED_FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'fixtures');

export const sharedFixturesPresent = existsSync(SHARED_FIXTURES);

if (!sharedFixturesPresent) console.log(`note: ${SHARED_FIXTURES} is absent; the conformance suites over real captures are skipped`);

/** A capture as text; UTF-16LE (.wmi, .reg) and UTF-8 BOMs are honoured. */
export const readShared = (path: string): string => decodeByBom(readFileSync(join(SHARED_FIXTURES, path)));

export const readSharedBytes = (path: string): Buffer => readFileSync(join(SHARED_FIXTURES, path));

export function readExpected<T>(path: string): T {
  return (JSON.parse(readFileSync(join(SHARED_FIXTURES, path), 'utf8')) as { expected: T }).expected;
}

export const sharedExists = (path: string): boolean => existsSync(join(SHARED_FIXTURES, path));
