import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { DOMParser } from '@xmldom/xmldom';
import type { Document, Element } from '@xmldom/xmldom';
import { parse as parsePlist } from 'plist';
import { parse as parseYaml } from 'yaml';

/** Absolute path of a file in the repository. */
export const repoPath = (relative: string): string => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

export const readRepoFile = (relative: string): string => readFileSync(repoPath(relative), 'utf8');

/** Parses XML and fails on any error, so a malformed template cannot pass as an empty one. */
export function parseXml(text: string, name: string): Document {
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`${name}: ${message}`);
    },
  });
  return parser.parseFromString(text, 'text/xml');
}

export function elements(parent: Document | Element, tag: string): Element[] {
  return Array.from(parent.getElementsByTagName(tag));
}

export function readPlist(relative: string): unknown {
  return parsePlist(readRepoFile(relative));
}

export interface BuilderConfig {
  readonly appId: string;
  readonly productName: string;
  readonly files: readonly string[];
  readonly extraResources: readonly { readonly from: string; readonly to: string }[];
  readonly [key: string]: unknown;
}

export function readBuilderConfig(): BuilderConfig {
  return parseYaml(readRepoFile('electron-builder.yml')) as BuilderConfig;
}

/** Differences between the keys a template carries and the keys expected, for readable failures. */
export function keyDiff(found: readonly string[], expected: readonly string[]): { missing: string[]; extra: string[]; duplicated: string[] } {
  const seen = new Set<string>();
  const duplicated = found.filter((k) => (seen.has(k) ? true : (seen.add(k), false)));
  return {
    missing: expected.filter((k) => !found.includes(k)),
    extra: found.filter((k) => !expected.includes(k)),
    duplicated,
  };
}
