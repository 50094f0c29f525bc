// What an endpoint under test is (its valid base request, schema, wrong callers and rule faults) and the small
// helpers endpoints.ts and confirmations.ts build their entries with.
import fc from 'fast-check';
import { type Draft, type Fault, fault } from './faults';
import type { Targets } from './generators';
import { type Json, type Path, pathText, setAt } from './json';

export const KiB = 1024;
export const MiB = 1024 * KiB;

export type Weighted = { weight: number; arbitrary: fc.Arbitrary<Fault> };

export interface Endpoint {
  name: string;
  method: 'POST' | 'PUT';
  pattern: string;
  /** The valid request every bad one starts from. */
  base(): Draft;
  /**
   * Other valid base requests of the same endpoint (another role's), each with its own callers and rule faults:
   * the endpoint's requests are drawn evenly from `[this, ...variants]`, and each base is checked to be accepted.
   */
  variants?: Endpoint[];
  /** Names the base in reports when the endpoint has several ('coach', 'admin results', ...). */
  variant?: string;
  /** Decides whether a schema fault made the body bad; absent when the endpoint's schema is not known here. */
  schema?: { safeParse(value: unknown): { success: boolean } };
  /** The route may not be deployed yet: the run says so instead of failing. */
  optional?: boolean;
  /** Callers with a good token who may not make this request. */
  wrongCallers: string[];
  /** Path values naming another sponsor's data. */
  otherSponsor: Record<string, string>[];
  /**
   * Extra bad path values (percent-encoded) for this endpoint. Never a value the base caller (or a wrong caller)
   * may legitimately use: acme's admin may export bob's transcript, so `bob` is no bad path there.
   */
  pathFaults?: string[];
  /** Where padding goes for oversized bodies, and the sizes to try. */
  oversize: { at: Path; sizes: number[] };
  rules(t: Targets): Weighted[];
  path(params: Record<string, string>): string;
}

export const pathFrom = (pattern: string) => (params: Record<string, string>) =>
  pattern.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? '');
export const draft = (caller: string, params: Record<string, string>, body: Json): Draft => ({
  caller,
  params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, encodeURIComponent(v)])),
  json: { body },
  contentType: 'application/json',
});
export const set = (d: Draft, p: Path, v: Json) => setAt(d.json, p, v);
/** A rule fault that sets one value (when its place still exists). */
export const setting = (kind: string, p: Path, values: Json[]) =>
  fc.constantFrom(...values).map((v) => fault(kind, 'rule', `${pathText(p)} = ${short(v)}`, (d) => set(d, p, v)));
export const short = (v: Json): string =>
  typeof v === 'string' && v.length > 40 ? `<${JSON.stringify(v[0])} x ${v.length}>` : JSON.stringify(v);
export const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

let keys = 0;
/** A fresh idempotency key per request: a bad request that was wrongly accepted must not mask the next one. */
export const nextKey = () => `robustness-${process.pid}-${++keys}`;
