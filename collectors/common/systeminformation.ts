import { createRequire } from 'node:module';

import type si from 'systeminformation';

const require = createRequire(import.meta.url);

/**
 * systeminformation's entry point loads all twenty of its modules (some 700 KB of JavaScript) before
 * answering anything; a run needs two or three of them. These load only the module behind each call,
 * from the same pinned package, and only when a collector calls it. The signatures are the package's
 * own (`typeof si.mem` and so on).
 */
export const siMemory = (): { readonly mem: typeof si.mem; readonly memLayout: typeof si.memLayout } => require('systeminformation/lib/memory.js');
export const siBattery = (): typeof si.battery => require('systeminformation/lib/battery.js');
export const siCpu = (): { readonly cpu: typeof si.cpu } => require('systeminformation/lib/cpu.js');
export const siSystem = (): { readonly bios: typeof si.bios; readonly baseboard: typeof si.baseboard } => require('systeminformation/lib/system.js');
export const siGraphics = (): { readonly graphics: typeof si.graphics } => require('systeminformation/lib/graphics.js');
export const siNetwork = (): { readonly networkInterfaces: typeof si.networkInterfaces; readonly networkGatewayDefault: typeof si.networkGatewayDefault } =>
  require('systeminformation/lib/network.js');
