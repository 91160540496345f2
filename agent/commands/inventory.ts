import { randomBytes } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

import type { Category } from '@deskside/shared/inventory';
import { CATEGORIES, CategorySchema } from '@deskside/shared/inventory';
import type { Command } from 'commander';

import type { InventoryProgressEvent } from '../../collectors/progress.js';
import { defaultDataDir } from '../support/platform.js';
import { summaryLines } from './inventory-lines.js';

/** Unknown category names are a usage error: exit 2, like other tools' bad arguments. */
export const EXIT_BAD_CATEGORY = 2;

export class UnknownCategoryError extends Error {
  constructor(readonly names: readonly string[]) {
    super(`unknown categor${names.length === 1 ? 'y' : 'ies'}: ${names.join(', ')} (known: ${CATEGORIES.join(', ')})`);
    this.name = 'UnknownCategoryError';
  }
}

export function parseCategoryList(value: string | undefined): Category[] | undefined {
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n !== '');
  const unknown = names.filter((n) => !CategorySchema.safeParse(n).success);
  if (unknown.length > 0) throw new UnknownCategoryError(unknown);
  return names as Category[];
}

interface InventoryOptions {
  readonly json?: boolean;
  readonly out?: string;
  readonly only?: string;
  readonly skip?: string;
  readonly pretty?: boolean;
  readonly format?: string;
  readonly tag?: string;
}

/** The document formats `inventory` writes: Deskside's own, or GLPI's native inventory. */
export const INVENTORY_FORMATS = ['deskside', 'glpi'] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

export function parseInventoryFormat(value: string | undefined): InventoryFormat {
  const format = (value ?? 'deskside').trim().toLowerCase();
  if (!(INVENTORY_FORMATS as readonly string[]).includes(format)) throw new Error(`unknown format: ${value ?? ''} (known: ${INVENTORY_FORMATS.join(', ')})`);
  return format as InventoryFormat;
}

/** Where collectors keep values they derive from rarely-changing files: <data-dir>/cache. */
export function inventoryCacheDir(globals: { readonly dataDir?: string }, env: NodeJS.ProcessEnv = process.env): string {
  return join(resolve(globals.dataDir ?? env.DESKSIDE_DATA_DIR ?? defaultDataDir()), 'cache');
}

/** Shows what is still running once the run has lasted a second; quick runs print nothing. */
function progressReporter(write: (line: string) => void): { onProgress: (e: InventoryProgressEvent) => void; stop: () => void } {
  const running = new Set<Category>();
  const started = Date.now();
  let announced = false;
  const timer = setTimeout(() => {
    announced = true;
    write(`collecting inventory: waiting for ${[...running].join(', ') || 'results'}…`);
  }, 1000);
  return {
    onProgress: (e) => {
      if (e.type === 'started') running.add(e.category);
      else {
        running.delete(e.category);
        if (announced) write(`  ${e.category} ${e.status} (${e.durationMs} ms)${running.size > 0 ? `; still running: ${[...running].join(', ')}` : ''}`);
      }
    },
    stop: () => {
      clearTimeout(timer);
      if (announced) write(`collected in ${Date.now() - started} ms`);
    },
  };
}

/** Written beside the target then renamed, so a reader never sees half a file; owner-only (serials, users). */
async function writeDocument(path: string, text: string): Promise<void> {
  const target = resolve(path);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(temp, text, { mode: 0o600 });
  await rename(temp, target);
}

export function registerInventoryCommand(program: Command): void {
  program
    .command('inventory')
    .description('Collect this machine\'s inventory and print it (a summary, or the full document with --json)')
    .option('--json', 'print the validated inventory document as JSON')
    .option('--out <file>', 'also write the JSON document to this file')
    .option('--only <categories>', `collect only these categories (comma-separated: ${CATEGORIES.join(',')})`)
    .option('--skip <categories>', 'leave these categories out (comma-separated)')
    .option('--pretty', 'indent the JSON (the default when printing to a terminal)')
    .option('--format <format>', `document format: ${INVENTORY_FORMATS.join(' or ')} (glpi: GLPI's native inventory JSON, printed and written by --out)`, 'deskside')
    .option('--tag <tag>', 'with --format glpi: the inventory tag GLPI can route entities on')
    .action(async (options: InventoryOptions, command: Command) => {
      let only: Category[] | undefined;
      let skip: Category[] | undefined;
      let format: InventoryFormat;
      try {
        only = parseCategoryList(options.only);
        skip = parseCategoryList(options.skip);
        format = parseInventoryFormat(options.format);
      } catch (error) {
        process.stderr.write(`deskside-agent inventory: ${(error as Error).message}\n`);
        process.exitCode = EXIT_BAD_CATEGORY;
        return;
      }
      const [{ collectInventory }, { compactInventoryJson }, glpiModule] = await Promise.all([
        import('../../collectors/runner.js'),
        import('../../collectors/compact-json.js'),
        format === 'glpi' ? import('@deskside/shared/glpi') : Promise.resolve(null),
      ]);
      // GLPI's format has no place for some categories: collecting them would only cost time.
      if (glpiModule !== null && only === undefined) skip = [...(skip ?? []), ...glpiModule.GLPI_UNMAPPED_CATEGORIES];
      const progress = progressReporter((line) => process.stderr.write(`${line}\n`));
      const controller = new AbortController();
      const onSignal = (): void => controller.abort();
      process.once('SIGINT', onSignal);
      try {
        const doc = await collectInventory({
          ...(only ? { only } : {}),
          ...(skip ? { skip } : {}),
          onProgress: progress.onProgress,
          signal: controller.signal,
          cacheDir: inventoryCacheDir(command.optsWithGlobals<{ dataDir?: string }>()),
        });
        progress.stop();
        if (glpiModule !== null) {
          const glpi = glpiModule.toGlpiInventory(doc, options.tag ? { tag: options.tag } : {});
          const text = `${options.pretty || (process.stdout.isTTY && !options.out) ? JSON.stringify(glpi, null, 2) : JSON.stringify(glpi)}\n`;
          if (options.out) await writeDocument(options.out, text);
          else process.stdout.write(text);
          return;
        }
        // Compact for files and pipes (no indentation, unknown package values left out), indented for people.
        const compact = `${compactInventoryJson(doc)}\n`;
        const indented = (): string => `${JSON.stringify(doc, null, 2)}\n`;
        if (options.out) await writeDocument(options.out, options.pretty ? indented() : compact);
        if (options.json) process.stdout.write(options.pretty || process.stdout.isTTY ? indented() : compact);
        else process.stdout.write(`${summaryLines(doc).join('\n')}\n`);
      } catch (error) {
        progress.stop();
        if (controller.signal.aborted) {
          process.stderr.write('deskside-agent inventory: interrupted\n');
          process.exitCode = 130; // the shell's convention for SIGINT
          return;
        }
        process.stderr.write(`deskside-agent inventory: ${(error as Error).message}\n`);
        process.exitCode = 1;
      } finally {
        process.off('SIGINT', onSignal);
      }
    });
}
