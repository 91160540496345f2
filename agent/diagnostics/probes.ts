import { disksProbe } from './items/disks.js';
import { inventorySummaryProbe } from './items/inventory-summary.js';
import { memoryProbe } from './items/memory.js';
import { networkProbe } from './items/network.js';
import { pendingRebootProbe } from './items/pending-reboot.js';
import { processesProbe } from './items/processes.js';
import { protectionSummaryProbe } from './items/protection-summary.js';
import { recentErrorsProbe } from './items/recent-errors.js';
import { uptimeProbe } from './items/uptime.js';
import type { DiagnosticProbe } from './probe.js';

/** Every ticket-time diagnostic item, in the order of shared DIAGNOSTIC_ITEMS. */
export const DIAGNOSTIC_PROBES: readonly DiagnosticProbe[] = [
  networkProbe,
  disksProbe,
  memoryProbe,
  processesProbe,
  uptimeProbe,
  pendingRebootProbe,
  recentErrorsProbe,
  inventorySummaryProbe,
  protectionSummaryProbe,
];
