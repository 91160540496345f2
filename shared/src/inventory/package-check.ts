import { SoftwareDataSchema, SoftwarePackageSchema, type SoftwarePackage } from './software.js';

/**
 * A quick check of an inventory's package list, built from the shared schema itself. Validating
 * hundreds of packages field by field is most of the cost of validating an inventory with zod; this
 * checks the same rules in one plain loop. It is deliberately conservative: it accepts only values
 * the schema certainly accepts and returns what zod would return for them (unknown values left out
 * become null); anything else is left to zod, which stays the authority on errors. The server checks
 * uploads with it, the agent its cached package lists.
 *
 * It understands the schema's shapes (strings with length bounds and enums, each optionally nullable
 * with a null default). Should the shared schema grow a field or rule it does not know (a number, a
 * pattern), `packageListCheck` is null and every list goes through zod as before.
 */

type FieldRule = (value: unknown) => { ok: true; value: unknown } | { ok: false };

interface ZodNode {
  readonly _zod: { readonly def: Readonly<Record<string, unknown>> & { readonly type: string; readonly checks?: readonly ZodNode[] } };
}

const KNOWN_STRING_CHECKS = new Set(['min_length', 'max_length']);

function leafRule(node: ZodNode): ((value: unknown) => boolean) | null {
  const def = node._zod.def;
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  switch (def.type) {
    case 'string': {
      if (def.coerce === true || checks.some((c) => !KNOWN_STRING_CHECKS.has(String(c.check)))) return null;
      const min = Math.max(0, ...checks.filter((c) => c.check === 'min_length').map((c) => Number(c.minimum)));
      const max = Math.min(Infinity, ...checks.filter((c) => c.check === 'max_length').map((c) => Number(c.maximum)));
      return (v) => typeof v === 'string' && v.length >= min && v.length <= max;
    }
    case 'enum': {
      const entries = def.entries as Readonly<Record<string, unknown>> | undefined;
      if (entries === undefined) return null;
      const values = new Set(Object.values(entries));
      return (v) => typeof v === 'string' && values.has(v);
    }
    default:
      return null;
  }
}

/** default(null) → nullable → leaf, or a bare leaf. */
function fieldRule(node: ZodNode): FieldRule | null {
  let n = node;
  let defaultsToNull = false;
  let nullable = false;
  if (n._zod.def.type === 'default') {
    if (n._zod.def.defaultValue !== null) return null;
    defaultsToNull = true;
    n = n._zod.def.innerType as ZodNode;
  }
  if (n._zod.def.type === 'nullable') {
    nullable = true;
    n = n._zod.def.innerType as ZodNode;
  }
  const leaf = leafRule(n);
  if (leaf === null || (defaultsToNull && !nullable)) return null;
  return (v) => {
    if (v === undefined) return defaultsToNull ? { ok: true, value: null } : { ok: false };
    if (v === null) return nullable ? { ok: true, value: null } : { ok: false };
    return leaf(v) ? { ok: true, value: v } : { ok: false };
  };
}

function maxItems(node: ZodNode): number | null {
  const def = node._zod.def;
  if (def.type !== 'array' || def.element !== SoftwarePackageSchema) return null;
  let max = Infinity;
  for (const c of (def.checks ?? []).map((x) => x._zod.def)) {
    if (c.check === 'max_length') max = Math.min(max, Number(c.maximum));
    else return null;
  }
  return max;
}

function build(): ((list: readonly unknown[]) => SoftwarePackage[] | null) | null {
  const object = SoftwarePackageSchema as unknown as ZodNode;
  const catchall = object._zod.def.catchall as ZodNode | undefined;
  // Strict objects only, and no rules on the object as a whole.
  if (catchall?._zod.def.type !== 'never' || (object._zod.def.checks ?? []).length > 0) return null;
  const max = maxItems(SoftwareDataSchema.shape.packages as unknown as ZodNode);
  if (max === null) return null;
  const fields: [string, FieldRule][] = [];
  for (const [key, node] of Object.entries(SoftwarePackageSchema.shape)) {
    const rule = fieldRule(node as unknown as ZodNode);
    if (rule === null) return null;
    fields.push([key, rule]);
  }
  const known = new Set(fields.map(([k]) => k));
  const order = fields.map(([k]) => k);
  return (list) => {
    if (list.length > max) return null;
    const out: SoftwarePackage[] = new Array<SoftwarePackage>(list.length);
    for (let i = 0; i < list.length; i++) {
      const p = list[i];
      if (typeof p !== 'object' || p === null || Object.getPrototypeOf(p) !== Object.prototype) return null;
      const input = p as Record<string, unknown>;
      // Every field present in the schema's order: zod's output would be a copy with the same values.
      let n = 0;
      let asZodWould = true;
      for (const k in input) {
        if (!known.has(k)) return null;
        if (order[n++] !== k) asZodWould = false;
      }
      if (n !== order.length) asZodWould = false;
      const pkg: Record<string, unknown> = asZodWould ? input : {};
      for (const [key, rule] of fields) {
        const r = rule(input[key]);
        if (!r.ok) return null;
        if (!asZodWould) pkg[key] = r.value;
      }
      out[i] = pkg as SoftwarePackage;
    }
    return out;
  };
}

/** The checked list as zod would return it, or null: let zod validate (and explain) this list. */
export const packageListCheck = build();
