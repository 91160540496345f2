/**
 * The part of the contract that collecting an inventory needs: limits, the inventory document and
 * its sections, the protection summary. Building zod schemas costs CPU when a module loads, so the
 * collectors and the `inventory` command import this (`@deskside/shared/inventory`) and a process
 * that only collects never builds the ticket, settings, device API or console schemas.
 */
export * from './limits.js';
export * from './inventory/section.js';
export * from './inventory/system.js';
export * from './inventory/hardware.js';
export * from './inventory/storage.js';
export * from './inventory/software.js';
export * from './inventory/package-check.js';
export * from './inventory/network.js';
export * from './inventory/users.js';
export * from './inventory/peripherals.js';
export * from './inventory/protection.js';
export * from './inventory/remote-access.js';
export * from './inventory/user-scope.js';
export * from './inventory/document.js';
export * from './protection-summary.js';
