import { describe, expect, it } from 'vitest';

import { parseCalendarDate, parseWindowsDate } from '../../collectors/common/dates.js';
import { buildPowerShellScript, isAccessDenied, runPowerShellParts } from '../../collectors/common/powershell-script.js';
import { asArray, bool, count, num, str } from '../../collectors/common/values.js';
import { detectVirtualization } from '../../collectors/common/virtualization.js';
import { parseWmicArray, parseWmicList } from '../../collectors/common/wmic-list.js';
import { powershellArgs } from '../../collectors/exec/powershell.js';
import { WINDOWS_HARDWARE_SCRIPT } from '../../collectors/hardware/win32.js';
import { normalizeStrings } from '../../collectors/normalize.js';
import { WINDOWS_PERIPHERALS_SCRIPT } from '../../collectors/peripherals/win32.js';
import { WINDOWS_STORAGE_SCRIPT } from '../../collectors/storage/win32.js';
import { WINDOWS_SYSTEM_SCRIPT } from '../../collectors/system/win32.js';
import { WINDOWS_USERS_SCRIPT } from '../../collectors/users/win32.js';
import { createFakeSystem } from './fake-system.js';

describe('value coercions', () => {
  it('treats ConvertTo-Json single objects and empty output as lists', () => {
    expect(asArray({ a: 1 })).toEqual([{ a: 1 }]);
    expect(asArray(null)).toEqual([]);
    expect(asArray('')).toEqual([]);
    expect(asArray([{ a: 1 }, 'x', null])).toEqual([{ a: 1 }]);
  });
  it('reads numbers from numbers and text, decimal commas included', () => {
    expect(num('2,4')).toBe(2.4);
    expect(num(' 1600 ')).toBe(1600);
    expect(num('12 GB')).toBeNull();
    expect(num(Number.NaN)).toBeNull();
    expect(count('-1')).toBeNull();
  });
  it('turns firmware placeholders and control characters into unknown or spaces', () => {
    expect(str('To Be Filled By O.E.M.')).toBeNull();
    expect(str('0000000')).toBeNull();
    expect(str('  Dell\u0000 Inc.  ')).toBe('Dell Inc.');
    expect(str('x'.repeat(300))).toHaveLength(256);
  });
  it('reads booleans from wmic, system_profiler and JSON', () => {
    expect([bool('TRUE'), bool('no'), bool(0), bool('maybe')]).toEqual([true, false, false, null]);
  });
});

describe('dates', () => {
  it('reads PowerShell 5.1, CIM and ISO forms and refuses offset-less text', () => {
    expect(parseWindowsDate('/Date(1795937400000)/')).toBe('2026-11-29T07:30:00.000Z');
    expect(parseWindowsDate('20261129083000.000000-300')).toBe('2026-11-29T13:30:00.000Z');
    expect(parseWindowsDate({ value: '/Date(0)/', DateTime: 'jeudi 1 janvier 1970' })).toBe('1970-01-01T00:00:00.000Z');
    expect(parseWindowsDate('2026-11-29T08:00:00Z')).toBe('2026-11-29T08:00:00.000Z');
    expect(parseWindowsDate('29/11/2026 08:00')).toBeNull();
    expect(parseWindowsDate(null)).toBeNull();
  });
  it('reads firmware release dates', () => {
    expect(parseCalendarDate('20140401000000.000000+000')).toBe('2014-04-01');
    expect(parseCalendarDate('04/01/2014')).toBe('2014-04-01');
    expect(parseCalendarDate('2026-03-12T00:00:00Z')).toBe('2026-03-12');
    expect(parseCalendarDate('soon')).toBeNull();
  });
});

describe('wmic /format:list', () => {
  it('splits instances on blank lines and repeated keys', () => {
    expect(parseWmicList('\r\n\r\nA=1\r\nB=x=y\r\n\r\nA=2\r\nA=3\r\n')).toEqual([{ A: '1', B: 'x=y' }, { A: '2' }, { A: '3' }]);
    expect(parseWmicArray('{"a","b"}')).toEqual(['a', 'b']);
    expect(parseWmicArray('{7}')).toEqual(['7']);
  });
});

describe('PowerShell scripts', () => {
  it('wraps each part in its own try/catch and ends in ConvertTo-Json', () => {
    const script = buildPowerShellScript({ a: 'Get-CimInstance Win32_BIOS', b: 'Get-CimInstance Win32_Nope' });
    expect(script).toContain("try { $r['a'] = @(Get-CimInstance Win32_BIOS) } catch { $r['aError'] = [string]$_.Exception.Message }");
    expect(script.split('\n').at(-1)).toBe('$r | ConvertTo-Json -Depth 5 -Compress');
  });
  it('reports a PowerShell failure with its exit code and stderr', async () => {
    const system = createFakeSystem({ powershell: [['Win32', { stdout: '', stderr: 'Program blocked by group policy', exitCode: 1 }]] });
    await expect(runPowerShellParts(system, 'Win32', 'test')).rejects.toThrow('test: PowerShell exited with code 1: Program blocked by group policy');
    const list = createFakeSystem({ powershell: [['Win32', { stdout: '[1,2]' }]] });
    await expect(runPowerShellParts(list, 'Win32', 'test')).rejects.toThrow('test: PowerShell did not print a JSON object');
  });
  it('keeps every section script within the Windows command-line limit once encoded', () => {
    for (const script of [WINDOWS_SYSTEM_SCRIPT, WINDOWS_HARDWARE_SCRIPT, WINDOWS_STORAGE_SCRIPT, WINDOWS_USERS_SCRIPT, WINDOWS_PERIPHERALS_SCRIPT]) {
      const line = powershellArgs(script).join(' ');
      expect(line.length).toBeLessThan(32_000);
      expect(script).not.toMatch(/Invoke-Expression|iex |Start-Process|Invoke-WebRequest|Invoke-RestMethod|Net\.WebClient/i);
    }
  });

  it('recognizes access denied in several languages', () => {
    expect(['Accès refusé.', 'Zugriff verweigert', '拒绝访问。', 'Access is denied. (0x80070005)'].every(isAccessDenied)).toBe(true);
    expect(isAccessDenied('Invalid class')).toBe(false);
  });
});

describe('virtualization and normalization', () => {
  it('recognizes hypervisors from firmware strings but not a Surface', () => {
    expect(detectVirtualization('VMware, Inc.', 'VMware7,1')).toEqual({ virtualMachine: true, hypervisor: 'VMware' });
    expect(detectVirtualization('innotek GmbH', 'VirtualBox')).toEqual({ virtualMachine: true, hypervisor: 'VirtualBox' });
    expect(detectVirtualization('Microsoft Corporation', 'Surface Laptop 5')).toEqual({ virtualMachine: false, hypervisor: null });
    expect(detectVirtualization(null, '')).toEqual({ virtualMachine: null, hypervisor: null });
  });
  it('normalizes strings in nested objects and arrays, keys included', () => {
    expect(normalizeStrings({ 'Cafe\u0301': ['A\u030a', { n: 'e\u0301', k: 1, d: null }] })).toEqual({ Café: ['Å', { n: 'é', k: 1, d: null }] });
  });
});
