import {
  AssetImportReportSchema,
  AssetViewSchema,
  CONSOLE_API_BASE,
  FleetRulesViewSchema,
  type AssetStatus,
  type AssetStatusChange,
  type AssetUpdate,
  type FleetRules,
} from '@deskside/shared';

import { queryString, type HttpClient } from './http-client.js';

const enc = encodeURIComponent;

/** The asset CSV download: a plain link, so the browser saves the file with the session cookie. */
export function assetsCsvUrl(assetStatus?: AssetStatus): string {
  return `${CONSOLE_API_BASE}/assets.csv${queryString(assetStatus === undefined ? {} : { assetStatus })}`;
}

/** Asset records, their import, and the fleet rules, each checked against the shared schema. */
export class AssetsClient {
  constructor(private readonly http: HttpClient) {}

  asset(deviceId: string, signal?: AbortSignal) {
    return this.http.request(`${CONSOLE_API_BASE}/devices/${enc(deviceId)}/asset`, { schema: AssetViewSchema, signal });
  }
  updateAsset(deviceId: string, body: AssetUpdate) {
    return this.http.request(`${CONSOLE_API_BASE}/devices/${enc(deviceId)}/asset`, { method: 'PATCH', schema: AssetViewSchema, body });
  }
  changeStatus(deviceId: string, body: AssetStatusChange) {
    return this.http.request(`${CONSOLE_API_BASE}/devices/${enc(deviceId)}/asset/status`, { method: 'POST', schema: AssetViewSchema, body });
  }
  importCsv(csv: string, dryRun: boolean) {
    return this.http.request(`${CONSOLE_API_BASE}/assets/import`, { method: 'POST', schema: AssetImportReportSchema, body: { csv, dryRun } });
  }
  fleetRules(signal?: AbortSignal) {
    return this.http.request(`${CONSOLE_API_BASE}/settings/fleet-rules`, { schema: FleetRulesViewSchema, signal });
  }
  saveFleetRules(body: FleetRules) {
    return this.http.request(`${CONSOLE_API_BASE}/settings/fleet-rules`, { method: 'PUT', schema: FleetRulesViewSchema, body });
  }
}
