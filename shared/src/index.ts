// The inventory part of the contract has its own entry (@deskside/shared/inventory), and so does article rendering
// (@deskside/shared/article-markdown, which brings markdown-it); this one is the rest.
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
export * from './asset-api.js';
export * from './device-proof.js';
export * from './console-api.js';
export * from './ipc-contract.js';
export * from './helpdesk-api.js';
export * from './kb/kb-api.js';
export * from './kb/search-terms.js';
export * from './kb/article-index.js';
export * from './kb/article-text.js';
export * from './diagnostic-findings.js';
export * from './diagnostic-summary.js';
export * from './diagnostic-wording.js';
export * from './reports-api.js';
