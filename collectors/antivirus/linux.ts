import type { AntivirusData, AntivirusProduct } from '@deskside/shared/inventory';

import { probeList, probeReadBinary, probeReadFile, probeRun } from '../protection/probe.js';
import { installedSystemUnits } from '../protection/systemd-presence.js';
import { parseSystemctlShow, SYSTEMCTL_SHOW_ARGS } from '../protection/systemd.js';
import type { CollectContext } from '../types.js';
import { probeBitdefenderLinux, probeCytool, probeFalconLinux, probeMdatp, probeSentinelLinux } from './cli-probes.js';
import { clamAvProduct, parseCvdHeader, parseFreshclamLog, type CvdHeader } from './parse-clamav.js';

const CLAM_DB_DIRS = ['/var/lib/clamav', '/var/clamav', '/usr/local/share/clamav'] as const;
const CLAM_DAEMON_UNITS = ['clamav-daemon.service', 'clamd@scan.service', 'clamd.service'] as const;
const CLAM_ONACCESS_UNITS = ['clamav-clamonacc.service', 'clamonacc.service'] as const;

/** The first of several units that exists decides; null when none exists or systemd is absent. */
function unitsActive(states: ReturnType<typeof parseSystemctlShow>, units: readonly string[]): boolean | null {
  const loaded = states.filter((s) => units.includes(s.unit) && s.loaded);
  if (loaded.length === 0) return null;
  if (loaded.some((s) => s.active === true)) return true;
  return loaded.every((s) => s.active === false) ? false : null;
}

async function clamAv(ctx: CollectContext): Promise<AntivirusProduct | null> {
  const sources: string[] = [];
  const version = await probeRun(ctx, 'clamscan', ['--version']);
  const versionText = version.kind === 'ok' ? version.value.stdout : null;
  if (versionText) sources.push('clamscan --version');

  let daily: CvdHeader | null = null;
  let dbProblem: string | null = null;
  let dbFound = false;
  for (const dir of CLAM_DB_DIRS) {
    const listing = await probeList(ctx, dir);
    if (listing.kind !== 'ok') continue;
    const name = ['daily.cld', 'daily.cvd'].find((n) => listing.value.includes(n));
    if (name === undefined) continue;
    dbFound = true;
    const read = await probeReadBinary(ctx, `${dir}/${name}`);
    if (read.kind !== 'ok') {
      dbProblem = `${dir}/${name}: ${read.detail}`;
      continue;
    }
    try {
      daily = parseCvdHeader(read.value);
      sources.push(`${dir}/${name} header`);
    } catch (error) {
      dbProblem = `${dir}/${name}: ${(error as Error).message}`;
    }
    break;
  }

  const units = await installedSystemUnits(ctx, [...CLAM_DAEMON_UNITS, ...CLAM_ONACCESS_UNITS]);
  const show = units.length > 0 ? await probeRun(ctx, 'systemctl', [...SYSTEMCTL_SHOW_ARGS, ...units]) : null;
  const states = show?.kind === 'ok' ? parseSystemctlShow(show.value.stdout, units) : [];
  const daemonActive = unitsActive(states, CLAM_DAEMON_UNITS);
  if (daemonActive != null) sources.push('systemctl');
  if (versionText == null && !dbFound && daemonActive == null) return null;

  let confirmedAt: string | null = null;
  if (daily == null) {
    const log = await probeReadFile(ctx, '/var/log/clamav/freshclam.log');
    if (log.kind === 'ok') {
      confirmedAt = parseFreshclamLog(log.value, -ctx.now().getTimezoneOffset());
      if (confirmedAt != null) sources.push('freshclam.log');
    }
  }
  const product = clamAvProduct(
    { versionText, daily, confirmedAt, daemonActive, onAccessActive: unitsActive(states, CLAM_ONACCESS_UNITS), sources },
    ctx.now(),
  );
  if (daily == null && dbProblem != null) return { ...product, source: `${product.source} (signature database: ${dbProblem})`.slice(0, 256) };
  return product;
}

/** ClamAV, then the vendors' own CLIs (Defender for Endpoint, SentinelOne, Bitdefender, CrowdStrike, Cortex XDR). */
export async function collectLinuxAntivirus(ctx: CollectContext): Promise<AntivirusData> {
  const products: AntivirusProduct[] = [];
  const clam = await clamAv(ctx);
  if (clam != null) products.push(clam);
  for (const probe of [probeMdatp, probeSentinelLinux, probeBitdefenderLinux, probeFalconLinux, (c: CollectContext) => probeCytool(c, '/opt/traps/bin/cytool')]) {
    const product = await probe(ctx);
    if (product != null) products.push(product);
  }
  return { products };
}
