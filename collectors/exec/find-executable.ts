import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Where `file` is on PATH, the way execvp would find it, or null when it is not there.
 *
 * Looking first costs a few stat calls; forking the agent (a process of some 90 MB) only to learn that
 * a tool is absent costs milliseconds of CPU each, and the protection probes try a dozen tools most
 * machines do not have. A name with a slash is a path already: it is returned as given when something
 * is there (running it then tells whether it may be run), null when nothing is.
 */
export function findExecutable(file: string, searchPath: string = process.env.PATH ?? ''): string | null {
  if (file.includes('/')) return existsSync(file) ? file : null;
  for (const dir of searchPath.split(delimiter)) {
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
