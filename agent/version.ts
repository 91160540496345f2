import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The agent's version, from the desktop package's package.json: one level up from the sources, two
 * from dist/agent, three from the bundled CLI's chunks (dist/agent/chunks).
 */
function readVersion(): string {
  for (const candidate of ['../package.json', '../../package.json', '../../../package.json']) {
    try {
      const pkg = require(candidate) as { name?: string; version?: string };
      if (pkg.name === 'deskside' && pkg.version) return pkg.version;
    } catch {
      // try the next location: the file sits at a different depth in source and in dist
    }
  }
  return '0.0.0';
}

export const AGENT_VERSION = readVersion();
