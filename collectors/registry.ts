import { antivirusCollector } from './antivirus/index.js';
import { backupCollector } from './backup/index.js';
import { encryptionCollector } from './encryption/index.js';
import { firewallCollector } from './firewall/index.js';
import { hardwareCollector } from './hardware/index.js';
import { networkCollector } from './network/index.js';
import { peripheralsCollector } from './peripherals/index.js';
import { remoteAccessCollector } from './remote-access/index.js';
import { softwareCollector } from './software/index.js';
import { storageCollector } from './storage/index.js';
import { systemCollector } from './system/index.js';
import type { Collector } from './types.js';
import { updatesCollector } from './updates/index.js';
import { usersCollector } from './users/index.js';

/**
 * Every collector Deskside has, one line each. The runner picks, per category, the first whose
 * `platforms` include the machine's.
 */
export const COLLECTORS: readonly Collector[] = [
  systemCollector,
  hardwareCollector,
  storageCollector,
  usersCollector,
  peripheralsCollector,
  softwareCollector,
  networkCollector,
  antivirusCollector,
  firewallCollector,
  encryptionCollector,
  updatesCollector,
  backupCollector,
  remoteAccessCollector,
];
