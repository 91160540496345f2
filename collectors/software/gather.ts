import type { SoftwareData, SoftwarePackage } from '@deskside/shared/inventory';

import { CommandNotFoundError, SectionError } from '../types.js';
import { finalizeSoftware } from './finalize.js';

/** One place packages come from (a package manager, a registry view, a directory). */
export interface PackageSource {
  readonly name: string;
  /** A required source failing makes the section an error (with what the others found as partial data). */
  readonly required?: boolean;
  fetch(): Promise<SoftwarePackage[]>;
}

/** Thrown by a source's fetch when its tool or data simply is not on this machine. */
export class SourceAbsentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceAbsentError';
  }
}

const isAbsent = (e: unknown): boolean =>
  e instanceof CommandNotFoundError || e instanceof SourceAbsentError || (e as { code?: unknown } | null)?.code === 'ENOENT';

const isDenied = (e: unknown): boolean => {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'EACCES' || code === 'EPERM';
};

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Runs every source concurrently. A missing tool is skipped; the section is ok when at least one source
 * answered and no required source failed. Otherwise it says which sources failed and why, carrying
 * whatever the others found.
 */
export async function gatherSoftware(sources: readonly PackageSource[]): Promise<SoftwareData> {
  const results = await Promise.allSettled(sources.map((s) => s.fetch()));
  const packages: SoftwarePackage[] = [];
  const failures: { readonly source: PackageSource; readonly error: unknown }[] = [];
  let answered = 0;
  results.forEach((r, i) => {
    const source = sources[i];
    if (source === undefined) return;
    if (r.status === 'fulfilled') {
      answered += 1;
      packages.push(...r.value);
    } else if (!isAbsent(r.reason) || source.required === true) {
      failures.push({ source, error: r.reason });
    }
  });
  const data = finalizeSoftware(packages);
  const requiredFailed = failures.some((f) => f.source.required === true);
  if (answered > 0 && !requiredFailed) return data;
  if (answered === 0 && failures.length === 0) {
    throw new SectionError('unsupported', `no package source found (looked for ${sources.map((s) => s.name).join(', ')})`);
  }
  const why = failures.map((f) => `${f.source.name}: ${messageOf(f.error)}`).join('; ');
  const status = failures.every((f) => isDenied(f.error)) ? 'permission-denied' : 'error';
  throw new SectionError(status, why, undefined, answered > 0 ? data : undefined);
}

/** Runs a command's result check shared by the sources: a non-zero exit is a failure with its stderr. */
export function requireSuccess(tool: string, result: { readonly exitCode: number; readonly stderr: string; readonly stdout: string }): string {
  if (result.exitCode !== 0) {
    const detail = result.stderr.trim().split(/\r?\n/u)[0] ?? '';
    throw new Error(`${tool} exited with code ${result.exitCode}${detail ? `: ${detail}` : ''}`);
  }
  return result.stdout;
}
