import type { AntivirusProduct } from '@deskside/shared/inventory';

import { clip } from '../protection/text.js';
import { asList, looseNumber, looseText, lowerKeys, parseJsonText } from '../protection/values.js';
import { DEFENDER_NAME, mpStatusToProduct } from './parse-mp-computer-status.js';
import { decodeProductState, MalformedProductStateError } from './parse-product-state.js';
import { unknownProduct } from './unknown-product.js';
import { knownServiceFor } from './windows-services.js';

/** What the Windows antivirus script reports, decoded; `problems` say which source could not be read. */
export interface WindowsAntivirusResult {
  readonly products: readonly AntivirusProduct[];
  readonly problems: readonly string[];
  /** False when no source answered at all, so an empty list would be a guess, not a finding. */
  readonly answered: boolean;
}

/** Win32_OperatingSystem.ProductType: 1 workstation, 2 domain controller, 3 server. */
const WORKSTATION = 1;

export function securityCenterToProduct(raw: unknown): AntivirusProduct | null {
  const entry = lowerKeys(raw);
  const name = looseText(entry['displayname']);
  if (name == null) return null;
  try {
    const state = decodeProductState(entry['productstate']);
    const mode: AntivirusProduct['mode'] = state.scanner === 'on' ? 'active' : state.scanner === 'off' ? 'disabled' : state.scanner;
    return {
      name,
      vendor: state.microsoft ? 'Microsoft' : null,
      version: null,
      enabled: state.scanner === 'on',
      realtimeProtection: state.scanner === 'on',
      mode,
      signaturesUpToDate: state.signaturesUpToDate,
      signatureVersion: null,
      signaturesUpdatedAt: null,
      lastScanAt: null,
      source: 'SecurityCenter2 AntiVirusProduct',
    };
  } catch (error) {
    if (!(error instanceof MalformedProductStateError)) throw error;
    // Keep the product: that it is registered is a fact even when its state is unreadable.
    return unknownProduct(name, null, `SecurityCenter2 AntiVirusProduct (${error.message})`);
  }
}

const isDefender = (product: AntivirusProduct): boolean => /defender/i.test(product.name) && (product.vendor === 'Microsoft' || product.vendor === null);

export function serviceToProduct(raw: unknown): AntivirusProduct | null {
  const service = lowerKeys(raw);
  const name = looseText(service['name']);
  if (name == null) return null;
  const known = knownServiceFor(name);
  if (known == null) return null;
  const status = (looseText(service['status']) ?? '').toLowerCase();
  const startType = (looseText(service['starttype']) ?? '').toLowerCase();
  const running = status === 'running' ? true : status === 'stopped' || startType === 'disabled' ? false : null;
  return {
    name: known.product,
    vendor: known.vendor,
    version: null,
    enabled: running,
    realtimeProtection: null,
    mode: running === false ? 'disabled' : 'unknown',
    signaturesUpToDate: null,
    signatureVersion: null,
    signaturesUpdatedAt: null,
    lastScanAt: null,
    source: clip(`Windows service ${name} (${status || 'state unknown'})`),
  };
}

const firstWord = (s: string | null): string => (s ?? '').toLowerCase().split(/[^a-z0-9]+/).find((w) => w.length > 2) ?? '';

/** "Sentinel Agent" in Security Center and the SentinelOne service are one product. */
function sameProduct(known: AntivirusProduct, service: AntivirusProduct): boolean {
  const name = known.name.toLowerCase();
  const words = [firstWord(service.name), firstWord(service.vendor)].filter((w) => w !== '');
  return known.name === service.name || words.some((w) => name.includes(w) || name.includes(w.replace(/one$/, '')));
}

/** Decodes the JSON the Windows antivirus script prints. Throws only when the output is not that JSON. */
export function parseWindowsAntivirus(text: string): WindowsAntivirusResult {
  const payload = lowerKeys(parseJsonText(text, 'the Windows antivirus script'));
  const problems: string[] = [];
  const productType = looseNumber(payload['producttype']);
  const scError = looseText(payload['securitycentererror'], 500);
  const mpError = looseText(payload['defendererror'], 500);
  const scAnswered = scError == null && payload['securitycenter'] != null;
  const defender = payload['defender'] != null && mpError == null ? mpStatusToProduct(payload['defender']) : null;

  // An unknown product type is treated as a workstation: there, Security Center should answer.
  const workstation = productType == null || productType === WORKSTATION;
  if (scError != null && workstation) problems.push(`Security Center unavailable: ${scError}`);
  if (mpError != null) problems.push(`Get-MpComputerStatus failed: ${mpError}`);

  const products: AntivirusProduct[] = [];
  if (scAnswered) {
    for (const entry of asList(payload['securitycenter'])) {
      const product = securityCenterToProduct(entry);
      if (product == null) continue;
      if (defender != null && isDefender(product)) {
        // Security Center says only on/off; Defender's own status knows passive and EDR block mode.
        products.push({ ...defender, source: 'SecurityCenter2 + Get-MpComputerStatus' });
      } else {
        products.push(product);
      }
    }
    if (defender != null && !products.some((p) => p.name === DEFENDER_NAME)) products.push(defender);
  } else if (defender != null) {
    products.push(defender);
  }
  // Windows Server has no Security Center, and some EDR agents never register with it on workstations
  // either: known services fill in whatever Security Center did not already name.
  for (const entry of asList(payload['services'])) {
    const product = serviceToProduct(entry);
    if (product != null && !products.some((p) => sameProduct(p, product))) products.push(product);
  }

  const servicesListed = payload['services'] != null;
  const answered = scAnswered || products.length > 0 || (!workstation && servicesListed);
  return { products: products.slice(0, 16), problems, answered };
}
