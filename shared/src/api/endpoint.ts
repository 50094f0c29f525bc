// The functions' URL, checked in one place: by the add-on build before anything can be pushed (its origin becomes the
// manifest's urlFetchWhitelist) by set-up before a document saves it, and by the CLI. Regular expressions only, no `URL`:
// Apps Script's V8 has no URL global (zod's z.url() would reject every URL there).
import * as z from 'zod';

/** https://host[:port][/path]: no user info, query or fragment. */
const HTTPS_URL = /^https:\/\/([^/?#@\s:]+)(?::(\d{1,5}))?(\/[^?#\s]*)?$/i;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
/** Left over from a template or an example rather than a real deployment: brackets anywhere, words in the host. */
const TEMPLATE = /[<>{}[\]]|%3c|%7b|%5b/i;
const PLACEHOLDER_HOST = /(^|[.-])(region-|your[-_])|(^|[.-])my-?(project|region|app)(?=\.|$)|project[-_]?id/i;

const EXAMPLE_URL = 'https://us-central1-<project>.cloudfunctions.net/api';

const parts = (s: string): { host: string; port?: string } | null => {
  const m = HTTPS_URL.exec(s);
  return m ? { host: m[1]!.toLowerCase(), ...(m[2] ? { port: m[2] } : {}) } : null;
};

/** Why s is not an https URL of the functions with a full domain name (letters in the last label), or undefined. */
function urlProblem(s: string): string | undefined {
  const p = parts(s);
  const labels = p?.host.split('.') ?? [];
  if (TEMPLATE.test(s) || (p && PLACEHOLDER_HOST.test(p.host)))
    return `a placeholder, not a deployed URL: give the real one, e.g. ${EXAMPLE_URL}`;
  if (!p || labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !/[a-z]/.test(labels.at(-1)!))
    return `an https:// URL with a full domain name (no query or #), e.g. ${EXAMPLE_URL}`;
  if (p.port && Number(p.port) > 65535) return `port ${p.port} is not a port`;
  return undefined;
}

/** Hosts no deployed add-on can reach: loopback, private names, reserved example domains, Firebase demo projects. */
const UNREACHABLE: [RegExp, string][] = [
  [/(^|\.)localhost$|\.(local|internal|lan|home\.arpa)$/, 'a local host, which Apps Script cannot reach'],
  [/(^|\.)example\.(com|org|net)$|\.(example|test|invalid)$/, 'a reserved example domain'],
  [/^[a-z]+-[a-z]+\d+-demo-[^.]*\.cloudfunctions\.net$/, 'a Firebase demo- project, which exists only in the emulator'],
];
const hostProblem = (s: string): string | undefined => {
  const host = parts(s)?.host ?? '';
  const hit = UNREACHABLE.find(([re]) => re.test(host));
  return hit ? `${host} is ${hit[1]}` : undefined;
};

const schema = (problem: (s: string) => string | undefined) =>
  z.string().superRefine((s, ctx) => {
    const message = problem(s);
    if (message) ctx.addIssue({ code: 'custom', message });
  });

/** An https URL of the functions with a full domain name, not a template: what set-up accepts for a document. */
export const FunctionsUrl = schema(urlProblem);
/** What the add-on may be pushed with: a FunctionsUrl on a host Apps Script can reach. */
export const DeployedFunctionsUrl = schema((s) => urlProblem(s) ?? hostProblem(s));

/** Set-up also accepts a local functions emulator (http on localhost), for development against a local backend. */
export const EmulatorUrl = z
  .string()
  .regex(/^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?(\/[^?#\s]*)?$/, 'http:// only for a local emulator');

/** The manifest's urlFetchWhitelist entry for a functions URL: https, full domain, "/" path (Apps Script's rules). */
export function whitelistPrefix(url: string): string {
  const p = parts(url);
  if (!p) throw new Error(`not an https URL: ${url}`);
  return `https://${p.host}${p.port && p.port !== '443' ? `:${p.port}` : ''}/`;
}

/** The first problem zod found, as one line. */
export const firstIssue = (r: { success: false; error: z.ZodError }): string => r.error.issues[0]?.message ?? 'invalid';
