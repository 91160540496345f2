import { randomUUID } from 'node:crypto';

import type { InventoryDocument, Sections, SoftwarePackage } from '@deskside/shared';

import { deriveFacts, findingFacts, ipv4Observations, searchText, type Ipv4Observation } from '../inventory/derive.js';
import { diffInventories, type Change } from '../inventory/history-diff.js';
import { mergeInventory, type StoredInventory } from '../inventory/merge.js';
import { userScopeChanges } from '../inventory/user-scope-diff.js';
import { deflateJson } from './compressed-json.js';
import type { DevicesTable, InventoryHistoryTable } from './tables.js';
import { json } from './values.js';

/** How the device's set of package names in the software index changes. */
export interface SoftwareDelta {
  /** No package list before: the device's names are rewritten from scratch. */
  readonly replaceAll: boolean;
  /** Lower-cased names the device did not have, sorted (rows then fill B-tree pages in key order). */
  readonly added: readonly string[];
  /** Lower-cased names it no longer has a package of. */
  readonly removed: readonly string[];
}

/** The device row's list columns after an upload. */
export type DeviceColumns = Pick<
  DevicesTable,
  | 'hostname'
  | 'os_name'
  | 'os_version'
  | 'logged_in_user'
  | 'manufacturer'
  | 'model'
  | 'av_state'
  | 'backup_state'
  | 'min_free_disk_pct'
  | 'inventory_at'
  | 'last_seen_at'
  | 'agent_version'
  | 'search_text'
  | 'battery_health_pct'
> & {
  /** 'on' | 'off' | 'unknown' */
  readonly firewall_state: string;
  readonly encryption_state: string;
  /** Null keeps the serial the device enrolled with. */
  readonly serial: string | null;
  /** A full inventory answers the server's request for one. */
  readonly clearsFullRequest: boolean;
};

/** Everything an upload will write, computed before the write transaction. */
export interface IngestPlan {
  readonly merged: StoredInventory;
  readonly changes: readonly Change[];
  readonly history: readonly InventoryHistoryTable[];
  readonly software: SoftwareDelta | null;
  readonly device: DeviceColumns;
  /** The merged sections as JSON, raw deflate. */
  readonly sectionsZ: Buffer;
  readonly sectionUpdatedAt: string;
  /** The merged per-user sections as JSON, null when there are none. */
  readonly userScope: string | null;
  /** Whether a restart and security updates are pending: their "since" columns start or keep counting, or clear. */
  readonly pending: { readonly restart: boolean; readonly securityUpdates: boolean };
  /** IPv4 addresses the upload's own network section reported, for the hour it arrived in. */
  readonly ipObservations: readonly Ipv4Observation[];
  readonly hour: number;
}

/** The distinct lower-cased names of a package list. */
const namesOf = (packages: readonly SoftwarePackage[]): Set<string> => new Set(packages.map((p) => p.name.toLowerCase()));

/**
 * What the software index needs to match the merged inventory; null when it carries no package list.
 * The index holds names only: a new version or a second architecture of a name changes nothing there.
 */
export function softwareDelta(before: Sections | null, after: Sections): SoftwareDelta | null {
  const now = after.software?.data;
  if (now === undefined || now === null) return null;
  const was = before?.software?.data ?? null;
  const next = namesOf(now.packages);
  if (was === null) return { replaceAll: true, added: [...next].sort(), removed: [] };
  const old = namesOf(was.packages);
  return { replaceAll: false, added: [...next].filter((n) => !old.has(n)).sort(), removed: [...old].filter((n) => !next.has(n)) };
}

const remoteIds = (sections: Sections): string[] => (sections.remoteAccess?.data?.handles ?? []).flatMap((h) => (h.id === null ? [] : [h.id]));

/**
 * Merges an upload into the previous inventory and works out every row it will write, without
 * touching the database: the write transaction then holds the lock for the writes alone.
 */
export async function planIngest(deviceId: string, previous: StoredInventory | null, doc: InventoryDocument, ip: string | null, now: number): Promise<IngestPlan> {
  const merged = mergeInventory(previous, doc, now);
  const changes = [...diffInventories(previous?.sections ?? null, merged.sections), ...userScopeChanges(previous === null ? null : previous.users, merged.users)];
  const facts = deriveFacts(merged.sections, merged.users);
  const findings = findingFacts(merged.sections);
  // The document's host name is required, so it always names the device.
  const hostname = merged.sections.system?.data?.hostname ?? doc.device.hostname;
  return {
    merged,
    changes,
    history: changes.map<InventoryHistoryTable>((c) => ({
      id: randomUUID(),
      device_id: deviceId,
      at: now,
      kind: c.kind,
      category: c.category,
      subject: c.subject.slice(0, 512),
      before_value: c.before,
      after_value: c.after,
    })),
    software: softwareDelta(previous?.sections ?? null, merged.sections),
    device: {
      hostname,
      os_name: facts.osName,
      os_version: facts.osVersion,
      logged_in_user: facts.loggedInUser,
      manufacturer: facts.manufacturer,
      model: facts.model,
      serial: facts.serial,
      av_state: facts.av,
      backup_state: facts.backup,
      min_free_disk_pct: facts.minFreeDiskPercent,
      inventory_at: merged.collectedAt,
      last_seen_at: now,
      agent_version: doc.agentVersion,
      // A user on the phone reads out their AnyDesk / TeamViewer ID: the device list finds the machine by it.
      search_text: searchText([hostname, facts.loggedInUser, ip, facts.serial, ...remoteIds(merged.sections), ...facts.addresses, facts.model, facts.manufacturer]),
      firewall_state: findings.firewall,
      encryption_state: findings.encryption,
      battery_health_pct: findings.batteryHealthPercent,
      clearsFullRequest: doc.kind === 'full',
    },
    pending: { restart: findings.restartPending, securityUpdates: findings.securityUpdatesPending },
    // Only addresses this upload reported: an older network section merged in says nothing about this hour.
    ipObservations: doc.sections.network === undefined ? [] : ipv4Observations(merged.sections),
    hour: Math.floor(now / 3_600_000),
    sectionsZ: await deflateJson(json(merged.sections)),
    sectionUpdatedAt: json(merged.sectionUpdatedAt),
    userScope: merged.users.length === 0 ? null : json(merged.users),
  };
}
