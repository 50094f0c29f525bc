// A FetchHandler for the fake UrlFetchApp that sends the request for real, synchronously (UrlFetchApp.fetch is
// synchronous, Node's fetch is not): a child Node process makes the request and prints the answer. With it the add-on's
// entry points run unchanged against the functions emulator (test/emulator/addon-confirm.test.ts).
import { spawnSync } from 'node:child_process';
import type { FetchCall, FetchHandler } from './fake-apps-script';

const CHILD = `
let input = '';
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', async () => {
  const { url, method, headers, body } = JSON.parse(input);
  try {
    const res = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
    const bytes = Buffer.from(await res.arrayBuffer());
    process.stdout.write(JSON.stringify({ status: res.status, headers: Object.fromEntries(res.headers), body: bytes.toString('base64') }));
  } catch (e) {
    process.stdout.write(JSON.stringify({ thrown: String(e) }));
  }
});`;

export const syncFetch: FetchHandler = (call: FetchCall) => {
  const p = call.params;
  const headers: Record<string, string> = { ...((p.headers as Record<string, string>) ?? {}) };
  if (p.contentType) headers['Content-Type'] = p.contentType;
  const request = {
    url: call.url,
    method: String(p.method ?? 'get').toUpperCase(),
    headers,
    body: typeof p.payload === 'string' ? p.payload : undefined,
  };
  const child = spawnSync(process.execPath, ['-e', CHILD], { input: JSON.stringify(request), timeout: 60_000 });
  if (child.status !== 0) throw new Error(`sync fetch failed: ${child.stderr.toString()}`);
  const out = JSON.parse(child.stdout.toString()) as {
    status: number;
    headers: Record<string, string>;
    body: string;
    thrown?: string;
  };
  // UrlFetchApp throws when there is no answer at all (DNS, connection): so does this.
  if (out.thrown) throw new Error(`Address unavailable: ${call.url} (${out.thrown})`);
  const bytes = Buffer.from(out.body, 'base64');
  const text = /json|text/.test(out.headers['content-type'] ?? '') ? bytes.toString('utf8') : new Uint8Array(bytes);
  return { status: out.status, body: text, headers: out.headers };
};
