import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * GLPI's published inventory JSON schema (glpi-project/inventory_format), read in place from the real
 * captures beside the repository (../shared/fixtures) and never copied. Absent on a fresh clone:
 * suites skip with a note there, and fail in CI, where the folder is always laid beside the clone.
 */
export const GLPI_SCHEMA_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'fixtures', 'linux', 'schema', 'glpi-inventory.schema.json');

export const glpiSchemaPresent = existsSync(GLPI_SCHEMA_PATH);

if (!glpiSchemaPresent) {
  if (process.env.CI) throw new Error(`GLPI inventory schema missing at ${GLPI_SCHEMA_PATH}`);
  console.log(`note: ${GLPI_SCHEMA_PATH} is absent; the GLPI schema-validity suites are skipped`);
}

// ajv-formats is CommonJS: under NodeNext its default import is module.exports, whose `default` is the plugin.
const addFormats = addFormatsModule.default;

export type GlpiValidator = (document: unknown) => readonly ErrorObject[];

/** A validator of GLPI documents against the published schema, formats (ipv4, ipv6) included. */
export function glpiValidator(): GlpiValidator {
  // Not strict: the schema carries keywords of its own ("version", a misspelt "tile") that draft-07 ignores.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(GLPI_SCHEMA_PATH, 'utf8')) as object);
  return (document) => (validate(document) ? [] : [...(validate.errors ?? [])]);
}
