// The commands that call the API: progress, transcript, report (consultants and admins) and publish (admins).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as z from 'zod';
import { XLSX_TYPE } from '../../functions/src/excel/transcript';
import type { ApiResponse } from '../../scripts/api-client';
import { type Framework, IsoDate } from '../../shared/src';
import { apiErrorOf } from '../../shared/src/api/client/platform-error';
import { type Api, ApiFailure, apiUrl, idToken, request, seg, timeoutMs } from './api';
import type { Parsed } from './args';
import { terminalWidth } from './framework-detail';
import { checkOutFile, InputError, readFrameworkFile } from './input';
import { apprenticeProgress, progressTable, SponsorProgressAnswer, StoredProgressView } from './progress-table';

export interface Context {
  out: (s: string) => void;
  env: NodeJS.ProcessEnv;
  /** The terminal's width in columns (undefined when stdout is not a terminal). */
  columns?: number;
}

const json = (value: unknown): string => JSON.stringify(value, null, 2);

/** The URL and token, checked before any request: a usage problem is found without a network round trip. */
const connect = ({ values }: Parsed, { env }: Context): Api => ({
  url: apiUrl(values.get('api'), env),
  token: idToken(env),
  timeoutMs: timeoutMs(env),
});

/** An answer the API owes a shape: a different one is the API's fault, named as such, not a crash. */
function answer<T>(schema: z.ZodType<T>, res: ApiResponse, what: string): T {
  const parsed = schema.safeParse(res.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiFailure(
      `unexpected answer to ${what} (HTTP ${res.status}): ${issue?.path.join('.') || 'body'}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

export async function progress(parsed: Parsed, ctx: Context): Promise<void> {
  const sid = parsed.values.get('sponsor')!;
  const aid = parsed.values.get('apprentice');
  const api = connect(parsed, ctx);
  const path = `/v1/sponsors/${seg(sid)}${aid ? `/apprentices/${seg(aid)}` : ''}/progress`;
  const res = await request(api, { method: 'GET', path, sponsors: [sid] });
  if (parsed.flags.has('json')) return ctx.out(json(res.body));
  const width = terminalWidth(ctx.columns);
  if (aid) return ctx.out(apprenticeProgress(answer(StoredProgressView, res, 'progress'), width));
  const { apprentices } = answer(SponsorProgressAnswer, res, 'progress');
  ctx.out(
    apprentices.length ? progressTable(apprentices, width) : `no progress stored for sponsor ${sid} yet (sync first)`,
  );
}

/** The file name an attachment offers, without any directory part; undefined when there is none. */
export function attachmentName(disposition: string | null): string | undefined {
  const name = /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? /filename=([^;\s]+)/i.exec(disposition ?? '')?.[1];
  const safe = name && basename(name.replace(/\\/g, '/')).replace(/[^\w.-]+/g, '-');
  return safe && !/^\.+$/.test(safe) ? safe : undefined;
}

/** Writes a downloaded .xlsx to `--out` or the name the server gave it; returns where. */
function saveXlsx(res: ApiResponse, target: string | undefined, fallback: string): string {
  const type = res.headers.get('content-type') ?? '';
  if (!type.startsWith(XLSX_TYPE))
    throw new ApiFailure(
      `expected an .xlsx file, got ${type || 'no Content-Type'} (${res.bytes.length} bytes): not saved`,
    );
  const file = target ?? attachmentName(res.headers.get('content-disposition')) ?? fallback;
  try {
    writeFileSync(file, res.bytes);
  } catch (e) {
    throw new InputError(`${file}: ${(e as Error).message}`);
  }
  return file;
}

const TranscriptMeta = z.object({
  id: z.string(),
  version: z.number(),
  sha256: z.string(),
  size: z.number(),
  fileName: z.string(),
  frameworkId: z.string(),
  frameworkVersion: z.string(),
  asOf: z.string(),
});

export async function transcript(parsed: Parsed, ctx: Context): Promise<void> {
  const sid = parsed.values.get('sponsor')!;
  const aid = parsed.values.get('apprentice')!;
  const target = parsed.values.get('out');
  if (target) checkOutFile(target);
  const asOf = parsed.values.get('as-of');
  if (asOf !== undefined && !IsoDate.safeParse(asOf).success)
    throw new InputError(`--as-of ${asOf}: a date as YYYY-MM-DD`);
  const api = connect(parsed, ctx);
  const base = `/v1/sponsors/${seg(sid)}/apprentices/${seg(aid)}/transcripts`;
  const made = await request(api, { method: 'POST', path: base, body: asOf ? { asOf } : {}, sponsors: [sid] });
  const meta = answer(TranscriptMeta, made, 'the transcript export');
  const file = await request(api, { method: 'GET', path: `${base}/${seg(meta.id)}`, sponsors: [sid] });
  // The server checks the stored hash on the way out; checking it here too catches a download cut short.
  if (createHash('sha256').update(file.bytes).digest('hex') !== meta.sha256)
    throw new ApiFailure(
      `transcript ${meta.id} of ${aid}: the download does not match its SHA-256 ${meta.sha256}; try again`,
    );
  const written = saveXlsx(file, target, meta.fileName);
  if (parsed.flags.has('json')) return ctx.out(json({ ...(made.body as object), file: written }));
  ctx.out(
    `transcript version ${meta.version} of ${aid} (${meta.frameworkId} ${meta.frameworkVersion}, as of ${meta.asOf}): ${file.bytes.length} bytes -> ${written}`,
  );
}

export async function report(parsed: Parsed, ctx: Context): Promise<void> {
  const sponsors = [...new Set(parsed.lists.get('sponsor') ?? [])];
  const target = parsed.values.get('out');
  if (target) checkOutFile(target);
  const api = connect(parsed, ctx);
  const path =
    sponsors.length === 1
      ? `/v1/sponsors/${seg(sponsors[0]!)}/cohort-report`
      : `/v1/cohort-report${sponsors.length ? `?${sponsors.map((s) => `sponsorId=${seg(s)}`).join('&')}` : ''}`;
  const res = await request(api, { method: 'GET', path, sponsors });
  const written = saveXlsx(res, target, 'cohort-report.xlsx');
  const scope = sponsors.length
    ? `sponsor${sponsors.length > 1 ? 's' : ''} ${sponsors.join(', ')}`
    : 'every sponsor you serve';
  if (parsed.flags.has('json')) return ctx.out(json({ file: written, bytes: res.bytes.length, sponsors }));
  ctx.out(`cohort report for ${scope}: ${res.bytes.length} bytes -> ${written}`);
}

const PublishAnswer = z.object({
  frameworkId: z.string().optional(),
  version: z.string().optional(),
  created: z.boolean(),
  sha256: z.string().optional(),
});

/** The version with its last number one higher (1.0.0-sponsor.1 -> 1.0.0-sponsor.2), as an example of a new one. */
export const nextVersion = (version: string): string | undefined => {
  const m = /^(.*?)(\d+)$/.exec(version);
  return m ? `${m[1]}${Number(m[2]) + 1}` : undefined;
};

/** What to do about a 409, by the field the server names: a changed version, or a shipped framework's id. */
function conflictAdvice(said: string, framework: Framework): string {
  if (said.startsWith('framework.version:')) {
    const next = nextVersion(framework.version);
    return `import the changed framework again with a new --version${next ? ` (e.g. --version ${next})` : ''}, then publish that file`;
  }
  if (said.startsWith('framework.id:'))
    return `import it again with --extend ${framework.id} --id <an id of your own>, then publish that file`;
  return 'nothing was published';
}

export async function publish(parsed: Parsed, ctx: Context): Promise<void> {
  const sid = parsed.values.get('sponsor')!;
  const framework = readFrameworkFile(parsed.args[0]!);
  const api = connect(parsed, ctx);
  const path = `/v1/sponsors/${seg(sid)}/frameworks`;
  const res = await request(api, { method: 'POST', path, body: { framework }, sponsors: [sid], accept: [409] });
  const named = `${framework.id} ${framework.version}`;
  if (res.status === 409) {
    const said = apiErrorOf(res.body)?.message ?? 'conflict';
    throw new ApiFailure(`sponsor ${sid} cannot publish ${named} (409): ${said}; ${conflictAdvice(said, framework)}`);
  }
  const result = answer(PublishAnswer, res, 'publish');
  if (parsed.flags.has('json')) return ctx.out(json(res.body));
  ctx.out(
    result.created
      ? `published ${named} for sponsor ${sid}${result.sha256 ? ` (sha256 ${result.sha256.slice(0, 12)})` : ''}`
      : `${named} is already published for sponsor ${sid} with the same content: nothing changed`,
  );
}
