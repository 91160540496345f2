import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Where to look when the environment has no PATH at all (a stripped service environment): execvp
 * would fall back to a built-in list too; this is systemd's default for services.
 */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * Where `file` is on PATH, the way execvp would find it, or null when it is not there.
 *
 * Looking first costs a few stat calls; forking the agent (a process of some 90 MB) only to learn that
 * a tool is absent costs milliseconds of CPU each, and the protection probes try a dozen tools most
 * machines do not have. A name with a slash is a path already: it is returned as given when something
 * is there (running it then tells whether it may be run), null when nothing is.
 */
export function findExecutable(file: string, searchPath: string | undefined = process.env.PATH): string | null {
  if (file.includes('/')) return existsSync(file) ? file : null;
  for (const dir of (searchPath ?? DEFAULT_PATH).split(delimiter)) {
    // An empty PATH entry means the current directory to execvp; an agent never wants that.
    if (dir === '') continue;
    const candidate = join(dir, file);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
