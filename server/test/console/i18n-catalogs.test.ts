import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { en } from '../../console/src/i18n/en.js';
import { pickLanguage } from '../../console/src/i18n/languages.js';
import { initialLanguage } from '../../console/src/i18n/setup.js';
import { zhCN } from '../../console/src/i18n/zh-cn.js';

// happy-dom gives modules http: URLs, so the source folder is found from the project root Vitest runs in.
const SRC = join(process.cwd(), 'server/console/src');

/** Leaf entries as [dotted key, value]; some leaf names contain dots themselves (activity.ticket.status). */
function entries(obj: object, prefix = ''): [string, unknown][] {
  return Object.entries(obj).flatMap(([k, v]): [string, unknown][] =>
    typeof v === 'object' && v !== null ? entries(v as object, `${prefix}${k}.`) : [[`${prefix}${k}`, v]],
  );
}
const keys = (obj: object) => entries(obj).map(([k]) => k);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('message catalogs', () => {
  const enKeys = new Set(keys(en));

  it('English and Simplified Chinese have the same keys, none empty', () => {
    expect(keys(zhCN).sort()).toEqual([...enKeys].sort());
    for (const catalog of [en, zhCN]) {
      for (const [key, value] of entries(catalog)) expect(typeof value === 'string' && value.trim().length > 0, key).toBe(true);
    }
  });

  it('the Chinese catalog is actually translated', () => {
    const zh = new Map(entries(zhCN));
    const same = entries(en)
      .filter(([k, v]) => zh.get(k) === v && /[a-z]{4,}/i.test(String(v)))
      .map(([k]) => k);
    // Product names (GLPI, Zammad, Jira) and technical terms (Windows, SMART, BIOS, IP, Deskside) may stay as they are.
    expect(same.filter((k) => !/^(platform|languages|connectors\.kind)\.|smart$|bios$|^devices\.ip$|^glpi\.title$|actorKind\.system$/.test(k))).toEqual([]);
  });

  it('every fixed key the console uses exists in English', () => {
    const used = new Set<string>();
    for (const file of sources(SRC)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(200);
    const plural = (k: string) => enKeys.has(`${k}_one`) && enKeys.has(`${k}_other`);
    expect([...used].filter((k) => !enKeys.has(k) && !plural(k))).toEqual([]);
  });
});

describe('language choice', () => {
  it('follows the browser, mapping Chinese variants, and falls back to English', () => {
    expect(pickLanguage(['zh-CN', 'en'])).toBe('zh-CN');
    expect(pickLanguage(['zh-Hans-CN'])).toBe('zh-CN');
    expect(pickLanguage(['zh'])).toBe('zh-CN');
    expect(pickLanguage(['fr-FR', 'en-GB'])).toBe('en');
    expect(pickLanguage(['zh-TW'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });

  it("prefers the technician's saved choice, and survives blocked storage", () => {
    expect(initialLanguage({ getItem: () => 'zh-CN' }, ['en-US'])).toBe('zh-CN');
    expect(initialLanguage({ getItem: () => 'klingon' }, ['zh-CN'])).toBe('zh-CN');
    expect(
      initialLanguage(
        {
          getItem: () => {
            throw new Error('SecurityError');
          },
        },
        ['zh-CN'],
      ),
    ).toBe('zh-CN');
  });
});
