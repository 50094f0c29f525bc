// The run's summary: per endpoint, per fault kind, every failure grouped with its smallest example, the platform
// answers, and last the figure line `robustness: <requests> bad requests, <n> 5xx, <n> writes on rejection`.
import { FAILURES, type Result, type Verdict } from './runner';

export interface Tally {
  sent: number;
  verdicts: Partial<Record<Verdict, number>>;
  statuses: Map<number, number>;
  /** Requests refused (or failed) that still changed the database. */
  writes: number;
  ms: number;
}

const newTally = (): Tally => ({ sent: 0, verdicts: {}, statuses: new Map(), writes: 0, ms: 0 });

/**
 * A request that changed the database although it was not accepted (4xx, 5xx or no answer), or although it was
 * one that must change nothing (expect `no-op`, answered 200).
 */
export const wroteOnRejection = (r: Result): boolean =>
  r.wrote !== undefined && (!(r.status >= 100 && r.status < 400) || r.request.expect === 'no-op');
export const failed = (r: Result): boolean => FAILURES.includes(r.verdict) || wroteOnRejection(r);

export function tally(results: Result[], key: (r: Result) => string[]): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const r of results)
    for (const k of key(r)) {
      const t = out.get(k) ?? newTally();
      t.sent++;
      t.verdicts[r.verdict] = (t.verdicts[r.verdict] ?? 0) + 1;
      t.statuses.set(r.status, (t.statuses.get(r.status) ?? 0) + 1);
      if (wroteOnRejection(r)) t.writes++;
      t.ms += r.ms;
      out.set(k, t);
    }
  return out;
}

const COLUMNS: [string, (t: Tally) => string][] = [
  ['sent', (t) => String(t.sent)],
  ['ok', (t) => String(t.verdicts.ok ?? 0)],
  ['platform', (t) => String(t.verdicts.platform ?? 0)],
  ['5xx', (t) => String(t.verdicts['5xx'] ?? 0)],
  ['non-json', (t) => String(t.verdicts['non-json'] ?? 0)],
  ['shape', (t) => String(t.verdicts['bad-error-shape'] ?? 0)],
  ['accepted', (t) => String(t.verdicts.accepted ?? 0)],
  ['hang', (t) => String(t.verdicts.hang ?? 0)],
  ['no-answer', (t) => String(t.verdicts['no-response'] ?? 0)],
  ['writes', (t) => String(t.writes)],
  ['avg ms', (t) => String(Math.round(t.ms / Math.max(1, t.sent)))],
];

export function table(title: string, rows: Map<string, Tally>, extra?: (name: string) => string): string[] {
  const names = [...rows.keys()];
  const width = Math.max(title.length, ...names.map((n) => n.length));
  const header = [title.padEnd(width), ...COLUMNS.map(([h]) => h.padStart(9)), '  statuses'].join('');
  const lines = names.map((n) => {
    const t = rows.get(n)!;
    const statuses = [...t.statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, c]) => `${s || 'none'}:${c}`)
      .join(' ');
    return [n.padEnd(width), ...COLUMNS.map(([, f]) => f(t).padStart(9)), `  ${statuses}${extra?.(n) ?? ''}`].join('');
  });
  return [header, ...lines];
}

/** Failures grouped by endpoint, verdict, status and fault kinds; each with its smallest example. */
export function failureGroups(results: Result[], pick: (r: Result) => boolean): string[] {
  const groups = new Map<string, Result[]>();
  for (const r of results) {
    if (!pick(r)) continue;
    const kinds = [...new Set(r.request.faults.map((f) => f.kind))].sort().join(' + ');
    const verdict = wroteOnRejection(r) && !FAILURES.includes(r.verdict) ? 'write' : r.verdict;
    const key = `${r.request.endpoint} | ${verdict}${r.wrote ? ' + wrote' : ''} | ${r.status || 'none'}${r.reached ? '' : ' (not from the function)'} | ${kinds}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const ordered = [...groups.entries()].sort(
    ([a, x], [b, y]) => faultCount(x) - faultCount(y) || y.length - x.length || (a < b ? -1 : 1),
  );
  return ordered.flatMap(([key, rs]) => {
    const ex = smallest(rs);
    return [
      `  ${key}: ${rs.length}`,
      `      e.g. ${ex.request.method} ${shorten(ex.request.path, 120)} as ${ex.request.caller}${ex.request.token ? ` (token: ${ex.request.token})` : ''}, Content-Type: ${ex.request.contentType ?? '(none)'}`,
      `      faults: ${ex.request.faults.map((f) => `${f.kind} [${f.detail}]`).join('; ')}`,
      `      body: ${shorten(ex.preview ?? '', 400)}`,
      `      answer: ${shorten(ex.answer.replace(/\s+/g, ' '), 200)}${ex.wrote ? `\n      wrote: ${ex.wrote.slice(0, 6).join(' ')}${ex.wrote.length > 6 ? ` (+${ex.wrote.length - 6})` : ''}` : ''}`,
    ];
  });
}

const faultCount = (rs: Result[]) => Math.min(...rs.map((r) => r.request.faults.length));
const smallest = (rs: Result[]): Result =>
  rs.reduce((best, r) =>
    r.request.faults.length < best.request.faults.length ||
    (r.request.faults.length === best.request.faults.length && (r.preview ?? '').length < (best.preview ?? '').length)
      ? r
      : best,
  );
const shorten = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}... (${s.length} chars)` : s);

export function figureLine(results: Result[]): string {
  const fives = results.filter((r) => r.verdict === '5xx').length;
  const writes = results.filter(wroteOnRejection).length;
  return `robustness: ${results.length} bad requests, ${fives} 5xx, ${writes} writes on rejection`;
}
