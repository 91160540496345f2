#!/usr/bin/env node
// Applies an installation's preset configuration (server URL, enrollment secret, tag and any other
// policy key) on macOS and Linux. Run by the deb postinst and the pkg postinstall with the app's own
// Electron in Node mode (ELECTRON_RUN_AS_NODE=1), so it needs no other runtime and only node: built-ins.
//
//   preset-config.mjs --policy-file FILE --secret-file FILE --tag-file FILE [--source FILE]...
//                 [--format json|plist] [--keep-policy]
//
// Sources, later wins: the existing policy file (json format only), each --source JSON file, then the
// environment (DESKSIDE_SERVER_URL, DESKSIDE_ENROLL_SECRET, DESKSIDE_TAG).
// The enrollment secret never stays in the policy file, which users can read: it goes to --secret-file
// (mode 0600, owner root), which only the agent service reads and deletes after enrollment. The tag goes to
// --tag-file. --keep-policy leaves the policy file alone (an MDM profile owns it) and stores only the
// secret and the tag. Bad input: a message naming the key, exit 2, nothing written.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The policy keys read from the managed store: the agent's (agent/config/policy-keys.ts) and the tray
 * app's (main/policy/tray-policy.ts). A test keeps this list equal to both.
 */
export const POLICY_KEYS = {
  serverUrl: 'string',
  enrollSecret: 'string',
  inventoryIntervalHours: 'integer',
  checkinIntervalMinutes: 'integer',
  disabledCategories: 'list',
  backupStaleDays: 'integer',
  proxyUrl: 'string',
  extraCaFile: 'string',
  serverKeyPins: 'list',
  allowInsecureHttp: 'boolean',
  language: 'string',
  screenshotsAllowed: 'boolean',
  runningProgramsAllowed: 'boolean',
  recentErrorsAllowed: 'boolean',
  outboxMaxMegabytes: 'integer',
  outboxMaxAgeDays: 'integer',
  trayHideQuit: 'boolean',
  trayStartAtLogin: 'boolean',
  trayReportShortcut: 'string',
  updateFeedUrl: 'string',
};
export const INSTALL_KEYS = { tag: 'string' };

export class PresetError extends Error {}

export function parseArgs(argv) {
  const options = { sources: [], format: 'json', keepPolicy: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new PresetError(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--policy-file':
        options.policyFile = value();
        break;
      case '--secret-file':
        options.secretFile = value();
        break;
      case '--tag-file':
        options.tagFile = value();
        break;
      case '--source':
        options.sources.push(value());
        break;
      case '--format':
        options.format = value();
        if (options.format !== 'json' && options.format !== 'plist') throw new PresetError('--format must be json or plist');
        break;
      case '--keep-policy':
        options.keepPolicy = true;
        break;
      default:
        throw new PresetError(`unknown option ${arg}`);
    }
  }
  for (const required of ['policyFile', 'secretFile', 'tagFile']) {
    if (!options[required]) throw new PresetError(`--${required.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} is required`);
  }
  return options;
}

function readJsonObject(file, label) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return null;
    throw new PresetError(`${label} ${file} cannot be read: ${error.message}`);
  }
  let parsed;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new PresetError(`${label} ${file} is not valid JSON: ${error.message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new PresetError(`${label} ${file} must hold a JSON object`);
  }
  return parsed;
}

function checkValue(key, value, where) {
  const kind = POLICY_KEYS[key] ?? INSTALL_KEYS[key];
  if (kind === undefined) {
    throw new PresetError(`${where}: unknown key "${key}" (known: ${[...Object.keys(POLICY_KEYS), 'tag'].join(', ')})`);
  }
  if (value === null) return;
  const ok =
    (kind === 'string' && typeof value === 'string') ||
    (kind === 'integer' && Number.isInteger(value)) ||
    (kind === 'boolean' && typeof value === 'boolean') ||
    (kind === 'list' && Array.isArray(value) && value.every((v) => typeof v === 'string'));
  if (!ok) throw new PresetError(`${where}: "${key}" must be ${{ list: 'a list of strings', integer: 'an integer', string: 'a string', boolean: 'true or false' }[kind]}`);
}

function isLoopback(hostname) {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Checks the values whose mistakes would stop enrollment; the agent validates the rest on read. */
function checkPreset(merged) {
  if (typeof merged.serverUrl === 'string' && merged.serverUrl !== '') {
    let url;
    try {
      url = new URL(merged.serverUrl);
    } catch {
      throw new PresetError(`serverUrl "${merged.serverUrl}" is not a URL`);
    }
    const insecureAllowed = merged.allowInsecureHttp === true || isLoopback(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && insecureAllowed)) {
      throw new PresetError(`serverUrl must use https:// (http:// only to this machine or with allowInsecureHttp)`);
    }
    if (url.username || url.password) throw new PresetError('serverUrl must not contain a user name or password');
  }
  if (typeof merged.enrollSecret === 'string' && merged.enrollSecret !== '') {
    if (merged.enrollSecret.length < 8 || merged.enrollSecret.length > 512) {
      throw new PresetError('enrollSecret must be 8 to 512 characters long');
    }
  }
  if (typeof merged.tag === 'string' && !/^[\p{L}\p{N} ._:/@-]{1,128}$/u.test(merged.tag)) {
    throw new PresetError('tag must be 1 to 128 letters, digits, spaces or . _ : / @ -');
  }
}

function escapeXml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A flat XML property list, the format of /Library/Managed Preferences/<domain>.plist. */
export function toPlist(values) {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
  ];
  for (const [key, value] of Object.entries(values)) {
    if (value === null) continue;
    lines.push(`  <key>${escapeXml(key)}</key>`);
    if (typeof value === 'string') lines.push(`  <string>${escapeXml(value)}</string>`);
    else if (typeof value === 'boolean') lines.push(value ? '  <true/>' : '  <false/>');
    else if (typeof value === 'number') lines.push(`  <integer>${value}</integer>`);
    else lines.push('  <array>', ...value.map((v) => `    <string>${escapeXml(v)}</string>`), '  </array>');
  }
  lines.push('</dict>', '</plist>', '');
  return lines.join('\n');
}

/** Temp file in the same folder, fsync, rename: a crash leaves the old file or the new one, never half. */
function writeAtomic(file, content, mode) {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w', mode);
  try {
    fs.fchmodSync(fd, mode);
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}

export function applyPreset(options, env, log) {
  const existing = options.format === 'json' && !options.keepPolicy ? readJsonObject(options.policyFile, 'policy file') : null;
  const merged = { ...(existing ?? {}) };
  for (const [key, value] of Object.entries(existing ?? {})) checkValue(key, value, `policy file ${options.policyFile}`);
  for (const source of options.sources) {
    const values = readJsonObject(source, 'preset file');
    if (values === null) throw new PresetError(`preset file ${source} does not exist`);
    for (const [key, value] of Object.entries(values)) {
      checkValue(key, value, `preset file ${source}`);
      merged[key] = value;
    }
  }
  const fromEnv = { serverUrl: env.DESKSIDE_SERVER_URL, enrollSecret: env.DESKSIDE_ENROLL_SECRET, tag: env.DESKSIDE_TAG };
  for (const [key, value] of Object.entries(fromEnv)) if (value !== undefined && value !== '') merged[key] = value;
  checkPreset(merged);

  const { enrollSecret, tag, ...policy } = merged;
  const written = [];
  if (typeof enrollSecret === 'string' && enrollSecret !== '') {
    writeAtomic(options.secretFile, `${enrollSecret}\n`, 0o600);
    written.push(`enrollment secret → ${options.secretFile} (0600)`);
  }
  if (typeof tag === 'string' && tag !== '') {
    writeAtomic(options.tagFile, `${tag}\n`, 0o644);
    written.push(`tag "${tag}" → ${options.tagFile}`);
  }
  // A preset without policy keys, or one equal to the file already there, leaves the file untouched.
  const policyChanged = existing === null ? Object.keys(policy).length > 0 : JSON.stringify(existing) !== JSON.stringify(policy);
  if (options.keepPolicy) {
    const ignored = Object.keys(policy);
    if (ignored.length > 0) log(`the managed preferences profile owns the policy; not applied from the preset: ${ignored.join(', ')}`);
  } else if (policyChanged) {
    const content = options.format === 'plist' ? toPlist(policy) : `${JSON.stringify(policy, null, 2)}\n`;
    writeAtomic(options.policyFile, content, 0o644);
    written.push(`policy (${Object.keys(policy).join(', ') || 'no keys'}) → ${options.policyFile} (0644)`);
  }
  for (const line of written) log(line);
  if (written.length === 0) log('no preset configuration given');
  return written;
}

function main() {
  try {
    applyPreset(parseArgs(process.argv.slice(2)), process.env, (line) => console.log(`deskside preset: ${line}`));
  } catch (error) {
    if (!(error instanceof PresetError)) throw error;
    console.error(`deskside preset: ${error.message}; nothing was changed`);
    process.exitCode = 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
