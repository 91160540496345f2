/**
 * SMBIOS chassis types (DMTF DSP0134 §7.4.1), as Win32_SystemEnclosure.ChassisTypes and
 * /sys/class/dmi/id/chassis_type report them, folded into the words a technician uses.
 */
export function chassisFromSmbios(code: number | null): string | null {
  switch (code) {
    case 3:
    case 4:
    case 5:
    case 6:
    case 7:
    case 15:
    case 16:
    case 24:
      return 'desktop';
    case 8:
    case 9:
    case 10:
    case 14:
      return 'notebook';
    case 11:
      return 'handheld';
    case 12:
      return 'docking-station';
    case 13:
      return 'all-in-one';
    case 17:
    case 23:
    case 25:
    case 28:
    case 29:
      return 'server';
    case 30:
      return 'tablet';
    case 31:
      return 'convertible';
    case 32:
      return 'detachable';
    case 33:
      return 'iot-gateway';
    case 34:
      return 'embedded-pc';
    case 35:
      return 'mini-pc';
    case 36:
      return 'stick-pc';
    default:
      return null;
  }
}

/** SMBIOS memory types (§7.18.2) as Win32_PhysicalMemory.SMBIOSMemoryType gives them. */
export function memoryTypeFromSmbios(code: number | null): string | null {
  const names: Record<number, string> = {
    15: 'SDRAM',
    18: 'DDR',
    19: 'DDR2',
    20: 'DDR2 FB-DIMM',
    24: 'DDR3',
    26: 'DDR4',
    27: 'LPDDR',
    28: 'LPDDR2',
    29: 'LPDDR3',
    30: 'LPDDR4',
    34: 'DDR5',
    35: 'LPDDR5',
  };
  return code === null ? null : (names[code] ?? null);
}

/**
 * The older Win32_PhysicalMemory.MemoryType (CIM_PhysicalMemory codes), used when SMBIOSMemoryType is
 * 0/absent: the whole documented list, since the early codes (2 = DRAM, 3 = Synchronous DRAM …) are what
 * Windows reports on old machines. 0 (Unknown) and 1 (Other) say nothing and stay unknown.
 */
export function memoryTypeFromCim(code: number | null): string | null {
  const names: Record<number, string> = {
    2: 'DRAM',
    3: 'Synchronous DRAM',
    4: 'Cache DRAM',
    5: 'EDO',
    6: 'EDRAM',
    7: 'VRAM',
    8: 'SRAM',
    9: 'RAM',
    10: 'ROM',
    11: 'Flash',
    12: 'EEPROM',
    13: 'FEPROM',
    14: 'EPROM',
    15: 'CDRAM',
    16: '3DRAM',
    17: 'SDRAM',
    18: 'SGRAM',
    19: 'RDRAM',
    20: 'DDR',
    21: 'DDR2',
    22: 'DDR2 FB-DIMM',
    24: 'DDR3',
    25: 'FBD2',
    26: 'DDR4',
  };
  return code === null ? null : (names[code] ?? null);
}
