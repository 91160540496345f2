// The inventory part of the contract has its own entry (@deskside/shared/inventory); this one is all of it.
export * from './inventory-contract.js';
export * from './error.js';
export * from './diagnostics.js';
export * from './ticket.js';
export * from './ticket-channel.js';
export * from './helpdesk.js';
export * from './attachment-policy.js';
export * from './priority.js';
export * from './settings.js';
export * from './device-api.js';
export * from './device-proof.js';
export * from './console-api.js';
export * from './ipc-contract.js';
