import { antivirusCollector } from './antivirus/index.js';
import { firewallCollector } from './firewall/index.js';
import { hardwareCollector } from './hardware/index.js';
import { softwareCollector } from './software/index.js';
import { storageCollector } from './storage/index.js';
import { systemCollector } from './system/index.js';
import type { Collector } from './types.js';

/**
 * Every collector Deskside has, one line each. The runner picks, per category, the first whose
 * `platforms` include the machine's.
 */
export const COLLECTORS: readonly Collector[] = [
  systemCollector,
  hardwareCollector,
  storageCollector,
  softwareCollector,
  antivirusCollector,
  firewallCollector,
];
