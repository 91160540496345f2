import { packageListCheck } from '@deskside/shared';
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { $ZodType } from 'zod/v4/core';

type RouteSchema<S> = Parameters<FastifySchemaCompiler<S>>[0];
type Validate = (data: unknown) => { value?: unknown; error?: Error | FastifySchemaValidationError[] };

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The object holding the package list of an upload body (`document.sections.software.data`), if any. */
function packageHolder(body: unknown): Record<string, unknown> | null {
  if (!isPlainObject(body)) return null;
  const document = body.document;
  if (!isPlainObject(document) || !isPlainObject(document.sections)) return null;
  const software = document.sections.software;
  if (!isPlainObject(software) || !isPlainObject(software.data)) return null;
  return Array.isArray(software.data.packages) ? software.data : null;
}

/**
 * The inventory upload's body validator: zod (as on every route) for the document, and the package
 * list through `packageListCheck`, which returns exactly what zod would. Any list the check does not
 * accept, and any body zod refuses, is validated again by zod as a whole, so errors (4xx in the shared
 * shape, with paths) are zod's own and the same as on every other route.
 */
export function inventoryValidatorCompiler<S>(route: RouteSchema<S>): ReturnType<FastifySchemaCompiler<S>> {
  // Fastify hands over one part's schema at a time: here the body's zod schema.
  const zod = validatorCompiler(route as unknown as RouteSchema<$ZodType>) as Validate;
  const check = packageListCheck;
  if (check === null || route.httpPart !== 'body') return zod;
  return (data: unknown) => {
    const holder = packageHolder(data);
    if (holder === null) return zod(data);
    const list = holder.packages as unknown[];
    const checked = check(list);
    if (checked === null) return zod(data);
    holder.packages = [];
    let result: ReturnType<Validate>;
    try {
      result = zod(data);
    } finally {
      holder.packages = list;
    }
    if (result.error !== undefined) return zod(data);
    const out = packageHolder(result.value);
    // zod's output has the same structure as its input; anything else is zod's to decide.
    if (out === null) return zod(data);
    out.packages = checked;
    return result;
  };
}
