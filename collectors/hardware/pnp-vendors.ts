/**
 * EDID manufacturer IDs (three-letter PNP IDs, UEFI PNP ID registry) of the monitor and panel makers
 * seen on office desks. An unknown ID is shown as the ID itself rather than guessed.
 */
const PNP_VENDORS: Readonly<Record<string, string>> = {
  AAC: 'AcerView',
  ACR: 'Acer',
  AOC: 'AOC',
  APP: 'Apple',
  AUO: 'AU Optronics',
  AUS: 'ASUS',
  BNQ: 'BenQ',
  BOE: 'BOE',
  CMN: 'Chimei Innolux',
  CMO: 'Chi Mei Optoelectronics',
  DEL: 'Dell',
  EIZ: 'EIZO',
  ENC: 'EIZO',
  FUS: 'Fujitsu Siemens',
  GSM: 'LG Electronics',
  GWY: 'Gateway',
  HPN: 'HP',
  HWP: 'HP',
  HSD: 'HannStar',
  IVM: 'iiyama',
  LEN: 'Lenovo',
  LGD: 'LG Display',
  LPL: 'LG Philips',
  MEI: 'Panasonic',
  MSI: 'MSI',
  MS_: 'Microsoft',
  NEC: 'NEC',
  PHL: 'Philips',
  SAM: 'Samsung',
  SDC: 'Samsung Display',
  SEC: 'Samsung',
  SHP: 'Sharp',
  SNY: 'Sony',
  TOS: 'Toshiba',
  TSB: 'Toshiba',
  VSC: 'ViewSonic',
  HKC: 'HKC',
  KOA: 'Konka',
  NCP: 'Najing CEC Panda',
  IQT: 'Hyundai ImageQuest',
  MAX: 'Belinea',
  WAC: 'Wacom',
};

export function pnpVendorName(id: string | null): string | null {
  if (id === null) return null;
  return PNP_VENDORS[id.toUpperCase()] ?? id;
}
