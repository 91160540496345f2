// Memory under hostile gzip uploads: `concurrency` uploads at once, each a ~32 KiB gzip body that
// inflates to just under the server's 32 MiB cap, first all from one device credential, then one
// per device. The server's peak RSS is sampled from /proc every 10 ms while they run, and read again
// after they finished. Used by server-bench.mjs (a row in docs/benchmarks.md).
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';

import { Agent, request } from 'undici';

import { rssOf } from './process-probe.mjs';

const INFLATED_CAP = 32 * 1024 * 1024;

/** A valid-looking upload whose document is one huge string: parses, then fails validation (400). */
function maximalBody() {
  const head = `{"uploadId":"${randomUUID()}","document":{"pad":"`;
  const tail = '"}}';
  const pad = 'a'.repeat(INFLATED_CAP - head.length - tail.length - 1024);
  return gzipSync(Buffer.from(head + pad + tail), { level: 9 });
}

/** `server` is { child, base, secret } as server-bench's startServer returns it. */
export async function inflationMemory(server, concurrency = 60) {
  const dispatcher = new Agent({ connections: concurrency * 2, pipelining: 1 });
  const enroll = async (i) => {
    const res = await request(`${server.base}/api/v1/agent/enroll`, {
      method: 'POST',
      dispatcher,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        enrollSecret: server.secret,
        device: { hostname: `MEM-${i}`, hardwareUuid: randomUUID(), serial: `MEM${i}`, macs: [] },
        platform: 'linux',
        osName: 'Debian GNU/Linux 12',
        agentVersion: '0.1.0',
      }),
    });
    const body = await res.body.json();
    return { authorization: `Bearer ${body.credential}` };
  };
  const body = maximalBody();
  const pid = server.child.pid;
  const phase = async (auths) => {
    const before = rssOf(pid);
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 10);
    const statuses = {};
    try {
      await Promise.all(
        auths.map(async (auth) => {
          const res = await request(`${server.base}/api/v1/agent/inventory`, {
            method: 'PUT',
            dispatcher,
            headers: { ...auth, 'content-type': 'application/json', 'content-encoding': 'gzip' },
            body,
          });
          await res.body.dump();
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        }),
      );
    } finally {
      clearInterval(timer);
    }
    await new Promise((r) => setTimeout(r, 1000));
    return { beforeMiB: Math.round(before / 1048576), peakMiB: Math.round(Math.max(peak, rssOf(pid)) / 1048576), afterMiB: Math.round(rssOf(pid) / 1048576), statuses };
  };
  try {
    const one = await enroll(0);
    const many = [];
    for (let i = 1; i <= concurrency; i++) many.push(await enroll(i));
    return {
      concurrency,
      gzipKiB: Math.round(body.length / 1024),
      inflatedMiB: Math.round(INFLATED_CAP / 1048576),
      oneDevice: await phase(Array.from({ length: concurrency }, () => one)),
      manyDevices: await phase(many),
    };
  } finally {
    await dispatcher.close();
  }
}

export function memoryMarkdown(m) {
  const codes = (s) => Object.entries(s).map(([k, v]) => `${v}× ${k}`).join(', ');
  const goal = (p) => (p < 512 ? '✓' : '✗');
  return [
    `Memory under ${m.concurrency} concurrent maximum-size inflations (each a ${m.gzipKiB} KiB gzip body inflating to just under the ${m.inflatedMiB} MiB cap; one server process, SQLite; large bodies reserve their declared inflated size from a 64 MiB budget per process and 32 MiB per device before they are unpacked, the rest answered 503/429 with Retry-After). Goal: peak RSS under 512 MiB. Before the budget, the same 60 uploads from one device took a process to 1.69 GiB (issue 14).`,
    '',
    '| uploads | peak RSS (MiB) | RSS before → 1 s after (MiB) | answers | goal |',
    '|---|---:|---:|---|:---:|',
    `| ${m.concurrency} at once, one device credential | ${m.oneDevice.peakMiB} | ${m.oneDevice.beforeMiB} → ${m.oneDevice.afterMiB} | ${codes(m.oneDevice.statuses)} | ${goal(m.oneDevice.peakMiB)} |`,
    `| ${m.concurrency} at once, ${m.concurrency} devices | ${m.manyDevices.peakMiB} | ${m.manyDevices.beforeMiB} → ${m.manyDevices.afterMiB} | ${codes(m.manyDevices.statuses)} | ${goal(m.manyDevices.peakMiB)} |`,
  ].join('\n');
}
