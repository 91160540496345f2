import { describe, expect, it } from 'vitest';

import { cpuVendorName } from '../../../collectors/common/cpu-vendor.js';

describe('cpuVendorName', () => {
  it('turns CPUID vendor strings into the makers’ names, spaces and case aside', () => {
    expect(cpuVendorName('GenuineIntel')).toBe('Intel');
    expect(cpuVendorName('AuthenticAMD')).toBe('AMD');
    expect(cpuVendorName('authenticamd ')).toBe('AMD');
    expect(cpuVendorName('HygonGenuine')).toBe('Hygon');
    expect(cpuVendorName('CentaurHauls')).toBe('Centaur');
    expect(cpuVendorName('  Shanghai  ')).toBe('Zhaoxin');
  });

  it('reads the long names firmware writes, and passes other names through', () => {
    expect(cpuVendorName('Intel(R) Corporation')).toBe('Intel');
    expect(cpuVendorName('Advanced Micro Devices, Inc.')).toBe('AMD');
    expect(cpuVendorName('Intel')).toBe('Intel');
    expect(cpuVendorName('Apple')).toBe('Apple');
    expect(cpuVendorName('ARM')).toBe('ARM');
    expect(cpuVendorName('  ')).toBeNull();
    expect(cpuVendorName(null)).toBeNull();
  });
});
