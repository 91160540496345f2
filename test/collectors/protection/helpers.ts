import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { CollectContext, SystemAccess } from '../../../collectors/types.js';
import { SectionError } from '../../../collectors/types.js';
import { createFakeSystem, FIXTURES_DIR, type FakeSystemSpec } from '../fake-system.js';

export const NOW = new Date('2024-10-04T12:00:00Z');

export function context(platform: CollectContext['platform'], system: SystemAccess, now = NOW, backupStaleDays = 7): CollectContext {
  return { platform, system, signal: new AbortController().signal, now: () => now, backupStaleDays };
}

export function fakeContext(platform: CollectContext['platform'], spec: FakeSystemSpec, now = NOW, backupStaleDays = 7): CollectContext {
  return context(platform, createFakeSystem(spec), now, backupStaleDays);
}

export function fixtureText(relative: string): string {
  return readFileSync(join(FIXTURES_DIR, relative), 'utf8');
}

export function fixtureBytes(relative: string): Buffer {
  return readFileSync(join(FIXTURES_DIR, relative));
}

/** Awaits a collector that must fail with a SectionError and returns it. */
export async function sectionError(promise: Promise<unknown>): Promise<SectionError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof SectionError)) throw new Error(`expected a SectionError, got ${String(error)}`);
  return error;
}

/**
 * Real captures from other projects live in ../shared/fixtures beside the repository; they are read
 * in place (never copied) and their tests are skipped, with a note, where that folder is absent.
 */
export const SHARED_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'fixtures');
export const hasSharedFixtures = existsSync(SHARED_FIXTURES);
if (!hasSharedFixtures) console.log(`note: ${SHARED_FIXTURES} is absent; protection conformance tests are skipped`);

export function sharedText(relative: string): string {
  return readFileSync(join(SHARED_FIXTURES, relative), 'utf8');
}

export function sharedBytes(relative: string): Buffer {
  return readFileSync(join(SHARED_FIXTURES, relative));
}

export function sharedJson<T>(relative: string): T {
  return JSON.parse(sharedText(relative)) as T;
}
