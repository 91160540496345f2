import { readFile } from 'node:fs/promises';

import type { Platform } from '@deskside/shared';
import { DeviceTagSchema } from '@deskside/shared';

import type { SystemAccess } from '../../collectors/types.js';
import { parseInstallerLine, parseInstallerRegValue } from './installer-value.js';

/**
 * Where the installers record the rollout tag (docs/policy.md, "Installer presets"): MSI/NSIS `TAG`,
 * the pkg's `tag` in deskside.json, the deb's DESKSIDE_TAG. Readable by every local user; not a
 * policy key, so it is not in the policy templates.
 */
export const INSTALLER_TAG_LOCATIONS = {
  win32: { key: 'HKLM\\SOFTWARE\\Deskside\\Installer', value: 'TAG' },
  darwin: '/Library/Application Support/Deskside/tag',
  linux: '/etc/deskside/tag',
} as const;

export interface InstallerTagReader {
  readonly description: string;
  /** The tag, or null when none is recorded. Throws InstallerTagError when the recorded one is not valid. */
  read(): Promise<string | null>;
}

export class InstallerTagError extends Error {
  constructor(
    readonly location: string,
    detail: string,
  ) {
    super(`the installer's tag at ${location} is ignored: ${detail}`);
    this.name = 'InstallerTagError';
  }
}

const tagError = (location: string) => (detail: string) => new InstallerTagError(location, detail);

/** A tag as recorded (the tag and a newline); null when blank. */
export function parseTagText(raw: string, location: string): string | null {
  return parseInstallerLine(raw, DeviceTagSchema, tagError(location));
}

/** The TAG value of `reg query HKLM\SOFTWARE\Deskside\Installer /v TAG` output. */
export function parseRegTag(output: string, location: string): string | null {
  return parseInstallerRegValue(output, INSTALLER_TAG_LOCATIONS.win32.value, DeviceTagSchema, tagError(location));
}

/** The tag file the pkg and the deb write ("tag\n", mode 0644). */
export function fileTagReader(path: string): InstallerTagReader {
  return {
    description: `file ${path}`,
    async read() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return null;
        throw new InstallerTagError(path, code ?? (e as Error).message);
      }
      return parseTagText(text, path);
    },
  };
}

export function osInstallerTagReader(platform: Platform, system: SystemAccess): InstallerTagReader {
  switch (platform) {
    case 'win32': {
      const { key, value } = INSTALLER_TAG_LOCATIONS.win32;
      const location = `registry ${key}\\${value}`;
      return {
        description: location,
        async read() {
          const res = await system.run('reg', ['query', key, '/v', value], { timeoutMs: 10_000 });
          if (res.exitCode === 1) return null; // no such key or value
          if (res.exitCode !== 0) throw new InstallerTagError(location, res.stderr.trim() || `reg exited ${res.exitCode}`);
          return parseRegTag(res.stdout, location);
        },
      };
    }
    case 'darwin':
    case 'linux':
      return fileTagReader(INSTALLER_TAG_LOCATIONS[platform]);
  }
}
