import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** A compiled PAC file: FindProxyForURL(url, host) → "PROXY a:3128; DIRECT". */
export type FindProxy = (url: string) => Promise<string>;

/** A PAC file's script runs with these limits: enough for the largest real ones, not for a runaway. */
const PAC_MEMORY_BYTES = 32 * 1024 * 1024;
const PAC_CALL_BUDGET_MS = 2000;

/**
 * Compiles a PAC file with pac-resolver (what proxy-agent uses), which runs it inside QuickJS compiled
 * to WebAssembly (quickjs-wasi): the script, which comes from the network, sees only the PAC functions
 * (dnsResolve, isInNet, shExpMatch…), never Node's require, process or file system; its memory is
 * capped and a call that runs too long is interrupted. Loaded on demand: most machines have no PAC.
 */
export async function compilePac(script: string): Promise<FindProxy> {
  const [{ createPacResolver }, { QuickJS }] = await Promise.all([import('pac-resolver'), import('quickjs-wasi')]);
  const wasm = await readFile(createRequire(import.meta.url).resolve('quickjs-wasi/quickjs.wasm'));
  let deadline = Number.POSITIVE_INFINITY;
  let ticks = 0;
  const vm = await QuickJS.create({
    wasm,
    memoryLimit: PAC_MEMORY_BYTES,
    // Called for about every bytecode instruction: look at the clock only now and then.
    interruptHandler: () => (ticks = (ticks + 1) % 10_000) === 0 && Date.now() > deadline,
  });
  const find = createPacResolver(vm, script);
  return async (url) => {
    deadline = Date.now() + PAC_CALL_BUDGET_MS;
    try {
      return await find(url);
    } finally {
      deadline = Number.POSITIVE_INFINITY;
    }
  };
}
