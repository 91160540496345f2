/**
 * Deepest nesting any body we accept needs (an inventory section's data is a few levels deep).
 * Zod walks nested values recursively, several stack frames a level: a body nested ~1,500 levels
 * overflows the stack, which would surface as a 500. JSON.parse itself copes with such depth.
 */
export const MAX_JSON_DEPTH = 64;

/** True when `value` nests arrays/objects deeper than `max`; iterative, so it cannot overflow itself. */
export function nestedDeeperThan(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: depth + 1 });
    }
  }
  return false;
}
