// The commands that call the API: progress, transcript, report (consultants and admins) and publish (admins).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type * as z from 'zod';
import { type Framework, IsoDate } from '../../shared/src';
import { apiErrorOf } from '../../shared/src/api/client/platform-error';
import * as routes from '../../shared/src/api/routes';
import { XLSX_TYPE } from '../../shared/src/api/routes';
import { type Answer, type Api, ApiFailure, apiUrl, idToken, request, timeoutMs } from './api';
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
export const connect = ({ values }: Parsed, { env }: Context): Api => ({
  url: apiUrl(values.get('api'), env),
  token: idToken(env),
  timeoutMs: timeoutMs(env),
});

/** An answer the API owes a shape: a different one is the API's fault, named as such, not a crash. */
export function answer<T>(schema: z.ZodType<T>, res: Answer, what: string): T {
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
  const check = { sponsors: [sid] };
  const res = aid
    ? await request(api, routes.apprenticeProgress, { params: { sponsorId: sid, apprenticeId: aid } }, check)
    : await request(api, routes.sponsorProgress, { params: { sponsorId: sid } }, check);
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
function saveXlsx(res: Answer, target: string | undefined, fallback: string): string {
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

export async function transcript(parsed: Parsed, ctx: Context): Promise<void> {
  const sid = parsed.values.get('sponsor')!;
  const aid = parsed.values.get('apprentice')!;
  const target = parsed.values.get('out');
  if (target) checkOutFile(target);
  const asOf = parsed.values.get('as-of');
  if (asOf !== undefined && !IsoDate.safeParse(asOf).success)
    throw new InputError(`--as-of ${asOf}: a date as YYYY-MM-DD`);
  const api = connect(parsed, ctx);
  const params = { sponsorId: sid, apprenticeId: aid };
  const check = { sponsors: [sid] };
  const made = await request(api, routes.exportTranscript, { params, body: asOf ? { asOf } : {} }, check);
  const meta = answer(routes.exportTranscript.answer, made, 'the transcript export');
  const file = await request(api, routes.downloadTranscript, { params: { ...params, transcriptId: meta.id } }, check);
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
  const res =
    sponsors.length === 1
      ? await request(api, routes.sponsorCohortReport, { params: { sponsorId: sponsors[0]! } }, { sponsors })
      : await request(api, routes.cohortReport, { params: {}, query: { sponsorId: sponsors } }, { sponsors });
  const written = saveXlsx(res, target, 'cohort-report.xlsx');
  const scope = sponsors.length
    ? `sponsor${sponsors.length > 1 ? 's' : ''} ${sponsors.join(', ')}`
    : 'every sponsor you serve';
  if (parsed.flags.has('json')) return ctx.out(json({ file: written, bytes: res.bytes.length, sponsors }));
  ctx.out(`cohort report for ${scope}: ${res.bytes.length} bytes -> ${written}`);
}

/** The contract's answer, read leniently: `created` is all the message needs. */
const PublishAnswer = routes.publishFramework.answer.partial().required({ created: true });

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
  const params = { sponsorId: sid };
  const res = await request(
    api,
    routes.publishFramework,
    { params, body: { framework } },
    { sponsors: [sid], accept: [409] },
  );
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
