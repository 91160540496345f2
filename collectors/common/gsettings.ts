import type { CollectContext } from '../types.js';

/** Where gsettings finds compiled schemas: $GSETTINGS_SCHEMA_DIR, then each $XDG_DATA_DIRS entry. */
export function compiledSchemaFiles(env: NodeJS.ProcessEnv = process.env): string[] {
  const dataDirs = (env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(':').filter((d) => d !== '');
  return [...(env.GSETTINGS_SCHEMA_DIR ? [`${env.GSETTINGS_SCHEMA_DIR}/gschemas.compiled`] : []), ...dataDirs.map((d) => `${d}/glib-2.0/schemas/gschemas.compiled`)];
}

/**
 * Whether a GSettings schema may be installed: its id appears in a compiled schema file (GVDB keeps
 * schema ids as plain strings). Reading those small files costs far less than starting gsettings to be
 * told "No such schema"; a schema found here is still read with gsettings, which has the last word.
 */
export async function gsettingsSchemaInstalled(ctx: CollectContext, schemaId: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const id = Buffer.from(schemaId, 'utf8');
  const files = await Promise.all(compiledSchemaFiles(env).map((path) => ctx.system.readBinaryFile(path).catch(() => null)));
  return files.some((bytes) => bytes !== null && bytes.includes(id));
}
