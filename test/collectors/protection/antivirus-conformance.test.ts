import { AntivirusProductSchema, type AntivirusProduct } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { parseBduitool } from '../../../collectors/antivirus/parse-bitdefender.js';
import { parseCytool } from '../../../collectors/antivirus/parse-cortex.js';
import { parseMdatpHealth } from '../../../collectors/antivirus/parse-mdatp.js';
import { mpStatusToProduct, parseMpComputerStatusText } from '../../../collectors/antivirus/parse-mp-computer-status.js';
import { decodeProductState } from '../../../collectors/antivirus/parse-product-state.js';
import { parseSentinelCtl } from '../../../collectors/antivirus/parse-sentinelone.js';
import { hasSharedFixtures, sharedJson, sharedText } from './helpers.js';

/** Peer expectations use glpi-agent's field names; this maps the ones Deskside reports too. */
interface GlpiAntivirus {
  readonly VERSION?: string;
  readonly ENABLED?: number;
  readonly UPTODATE?: number;
  readonly BASE_VERSION?: string;
  readonly BASE_CREATION?: string;
  readonly COMPANY?: string;
}

function expectAgreesWithGlpi(product: AntivirusProduct, expected: GlpiAntivirus): void {
  AntivirusProductSchema.parse(product);
  if (expected.VERSION !== undefined) expect(product.version).toBe(expected.VERSION);
  if (expected.ENABLED !== undefined) expect(product.enabled).toBe(expected.ENABLED === 1);
  // Deskside may know less than a peer (null: the tool gives no freshness signal), never the opposite.
  if (expected.UPTODATE !== undefined && product.signaturesUpToDate !== null) expect(product.signaturesUpToDate).toBe(expected.UPTODATE === 1);
  if (expected.BASE_VERSION !== undefined) expect(product.signatureVersion).toBe(expected.BASE_VERSION);
  if (expected.BASE_CREATION !== undefined) expect(product.signaturesUpdatedAt?.slice(0, 10)).toBe(expected.BASE_CREATION);
}

const expectedOf = (relative: string): GlpiAntivirus => sharedJson<{ expected: GlpiAntivirus }>(relative).expected;

describe.skipIf(!hasSharedFixtures)('antivirus conformance over ../shared/fixtures', () => {
  describe('SecurityCenter2 productState peer assertions', () => {
    interface Assertion {
      readonly test_constant: string;
      readonly productState: number;
      readonly type?: string;
      readonly enabled?: boolean;
      readonly uptodate?: boolean;
      readonly type_error?: string;
    }
    const assertions = hasSharedFixtures ? sharedJson<{ expected: Assertion[] }>('windows/antivirus/securitycenter2-productstate-peer-assertions.json').expected : [];

    it.each(assertions.map((a) => [a.test_constant, a] as const))('%s', (_name, assertion) => {
      if (assertion.type_error !== undefined) {
        expect(() => decodeProductState(assertion.productState)).toThrow(/malformed/);
        return;
      }
      const decoded = decodeProductState(assertion.productState);
      if (assertion.type !== undefined) expect(decoded.kind).toBe(assertion.type.toLowerCase());
      if (assertion.enabled !== undefined) expect(decoded.scanner === 'on').toBe(assertion.enabled);
      if (assertion.uptodate !== undefined) expect(decoded.signaturesUpToDate).toBe(assertion.uptodate);
    });

    it('decodes the Defender constants the peer defines by name', () => {
      const byName = new Map(assertions.map((a) => [a.test_constant, a.productState]));
      expect(decodeProductState(byName.get('AV_DEFENDER_DISABLED_AND_UP_TO_DATE'))).toMatchObject({ scanner: 'off', microsoft: true, signaturesUpToDate: true });
      expect(decodeProductState(byName.get('AV_DEFENDER_ENABLED_AND_UP_TO_DATE'))).toMatchObject({ scanner: 'on', microsoft: true, signaturesUpToDate: true });
      expect(decodeProductState(byName.get('AV_DEFENDER_ENABLED_AND_OUT_OF_DATE'))).toMatchObject({ scanner: 'on', microsoft: true, signaturesUpToDate: false });
    });
  });

  describe('Get-MpComputerStatus captures (Format-List text)', () => {
    it('Defender 4.18 on a 2024 VM: normal mode, never scanned', () => {
      const product = mpStatusToProduct(parseMpComputerStatusText(sharedText('windows/antivirus/get-mpcomputerstatus-defender-4.18.24050-2024-vm.txt')));
      expect(AntivirusProductSchema.parse(product)).toMatchObject({
        version: '4.18.24050.7',
        mode: 'active',
        enabled: true,
        realtimeProtection: true,
        signaturesUpToDate: true,
        signatureVersion: '1.413.102.0',
        signaturesUpdatedAt: '2024-06-04T08:06:27.000Z',
        lastScanAt: null,
      });
    });

    it('Defender 4.3 from 2013: no AMRunningMode, last quick scan known', () => {
      const product = mpStatusToProduct(parseMpComputerStatusText(sharedText('windows/antivirus/get-mpcomputerstatus-defender-4.3.9463-2013.txt')));
      expect(AntivirusProductSchema.parse(product)).toMatchObject({
        version: '4.3.9463.0',
        mode: 'active',
        enabled: true,
        signaturesUpToDate: true,
        signatureVersion: '1.155.1107.0',
        lastScanAt: '2013-07-30T13:50:24.000Z',
      });
    });
  });

  it('mdatp on Linux, passive mode', () => {
    const product = parseMdatpHealth(sharedText('linux/antivirus/mdatp-health-json-defender-101.23062.0010.json'));
    expectAgreesWithGlpi(product, expectedOf('linux/antivirus/mdatp-health-json-defender-101.23062.0010.expected.json'));
    expect(product.mode).toBe('passive');
  });

  it('mdatp on macOS, active', () => {
    const product = parseMdatpHealth(sharedText('macos/antivirus/mdatp-health-json-defender-101.98.30.json'));
    expectAgreesWithGlpi(product, expectedOf('macos/antivirus/mdatp-health-json-defender-101.98.30.expected.json'));
    expect(product).toMatchObject({ mode: 'active', realtimeProtection: true });
  });

  it('SentinelOne on Linux', () => {
    const product = parseSentinelCtl(sharedText('linux/antivirus/sentinelctl-sentinelone-30.1.1.10.txt'));
    expectAgreesWithGlpi(product, expectedOf('linux/antivirus/sentinelctl-sentinelone-30.1.1.10.expected.json'));
  });

  it('SentinelOne on macOS', () => {
    const text = ['sentinelctl-version', 'sentinelctl-status'].map((f) => sharedText(`macos/antivirus/${f}-sentinelone-24.1.2.7444.txt`)).join('\n');
    expectAgreesWithGlpi(parseSentinelCtl(text), expectedOf('macos/antivirus/sentinelctl-sentinelone-24.1.2.7444.expected.json'));
  });

  it('Cortex XDR on macOS', () => {
    const read = (kind: string) => sharedText(`macos/antivirus/cytool-${kind}-cortex-xdr-8.2.1.47908.txt`);
    const product = parseCytool(read('info'), read('info-query'), read('runtime-query'));
    expectAgreesWithGlpi(product, expectedOf('macos/antivirus/cytool-cortex-xdr-8.2.1.47908.expected.json'));
    expect(product.vendor).toBe('Palo Alto Networks');
  });

  it('Bitdefender on Linux', () => {
    const product = parseBduitool(sharedText('linux/antivirus/bduitool-get-ps-bitdefender-7.0.3.2239.txt'));
    expectAgreesWithGlpi(product, expectedOf('linux/antivirus/bduitool-get-ps-bitdefender-7.0.3.2239.expected.json'));
  });
});
