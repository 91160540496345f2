import type { AntivirusProduct } from '@deskside/shared/inventory';

import { ageInDays, isoFromEpochSeconds, isoFromLocalParts, isoFromMs } from '../protection/dates.js';

/**
 * ClamAV. Signature freshness comes from the header of the daily database (daily.cvd / daily.cld): the
 * first 512 bytes are ASCII "ClamAV-VDB:<build time>:<version>:<signatures>:<f-level>:<md5>:<dsig>:
 * <builder>:<build epoch seconds>". clamd itself warns once the database is older than 7 days, so that
 * is where "out of date" starts.
 */
export const CLAMAV_DB_DUE_DAYS = 7;

export interface CvdHeader {
  readonly builtAt: string | null;
  readonly version: string | null;
  readonly signatures: number | null;
}

export function parseCvdHeader(bytes: Uint8Array | string): CvdHeader {
  const head = typeof bytes === 'string' ? bytes.slice(0, 512) : Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  if (!head.startsWith('ClamAV-VDB:')) throw new Error('not a ClamAV database: the header does not start with "ClamAV-VDB:"');
  const fields = head.replace(/\0.*$/s, '').trimEnd().split(':');
  // The build-time field itself contains a colon ("14 Jun 2023 07:23 -0400"), so read from both ends.
  const stime = Number(fields[fields.length - 1]);
  const version = fields[fields.length - 7] ?? null;
  const signatures = Number(fields[fields.length - 6]);
  const textTime = fields.slice(1, fields.length - 7).join(':');
  return {
    builtAt: Number.isFinite(stime) && stime > 0 ? isoFromEpochSeconds(stime) : isoFromMs(Date.parse(textTime)),
    version: version && /^\d+$/.test(version) ? version : null,
    signatures: Number.isFinite(signatures) ? signatures : null,
  };
}

/** `clamscan --version` / `clamd --version`: "ClamAV 1.0.1/26939/Wed Jun 14 07:23:09 2023". */
export function parseClamVersion(text: string): { engine: string | null; database: string | null } {
  const match = /ClamAV\s+([\w.-]+)(?:\/(\d+))?/.exec(text);
  return { engine: match?.[1] ?? null, database: match?.[2] ?? null };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The newest "daily.cld updated" / "daily.cvd database is up-to-date" line of freshclam.log, whose
 * lines start with a zone-less local ctime ("Wed Jun 14 12:00:01 2023 ->"): when freshclam last
 * confirmed the signatures current. The fallback when the database itself cannot be read.
 */
export function parseFreshclamLog(text: string, utcOffsetMinutes: number): string | null {
  let latest: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (!/daily\.c[lv]d (?:updated|database is up[- ]to[- ]date)/i.test(line)) continue;
    const m = /^\w{3}\s+(\w{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(\d{4})\s*->/.exec(line.trim());
    const month = m ? MONTHS.indexOf((m[1] ?? '').toLowerCase()) + 1 : 0;
    if (!m || month === 0) continue;
    const iso = isoFromLocalParts(
      { year: Number(m[6]), month, day: Number(m[2]), hour: Number(m[3]), minute: Number(m[4]), second: Number(m[5]) },
      utcOffsetMinutes,
    );
    if (iso != null && (latest == null || iso > latest)) latest = iso;
  }
  return latest;
}

export interface ClamAvFacts {
  readonly versionText: string | null;
  readonly daily: CvdHeader | null;
  /** From freshclam.log, used only when the database header could not be read. */
  readonly confirmedAt?: string | null;
  /** clamd (clamav-daemon / clamd@scan) active; null when systemd could not tell. */
  readonly daemonActive: boolean | null;
  /** clamonacc, the on-access scanner; null when unknown. */
  readonly onAccessActive: boolean | null;
  readonly sources: readonly string[];
}

export function clamAvProduct(facts: ClamAvFacts, now: Date): AntivirusProduct {
  const { engine, database } = facts.versionText ? parseClamVersion(facts.versionText) : { engine: null, database: null };
  const updatedAt = facts.daily?.builtAt ?? facts.confirmedAt ?? null;
  const age = ageInDays(updatedAt, now);
  return {
    name: 'ClamAV',
    vendor: 'Cisco Talos',
    version: engine,
    enabled: facts.daemonActive,
    realtimeProtection: facts.daemonActive === false ? false : facts.onAccessActive,
    mode: facts.daemonActive === true ? 'active' : facts.daemonActive === false ? 'disabled' : 'unknown',
    signaturesUpToDate: age == null ? null : age <= CLAMAV_DB_DUE_DAYS,
    signatureVersion: facts.daily?.version ?? database,
    signaturesUpdatedAt: updatedAt,
    lastScanAt: null,
    source: facts.sources.join(' + ') || 'ClamAV',
  };
}
