// fast-check generators of bad requests: a valid base request of an endpoint, edited by one to three faults.
// Schema faults (wrong types, missing and extra fields, __proto__ keys, control characters, impossible dates,
// NaN/Infinity and negative numbers, huge strings, deep nesting, giant arrays) are kept only when the endpoint's own
// request schema refuses the result; rule faults (tokens, callers, path ids, transport, lone surrogates and the
// endpoint's own limits) are bad by construction. Every request generated here must be refused with a 4xx.
import fc from 'fast-check';
import type { Endpoint } from './endpoints';
import { always, type Draft, type Family, type Fault, fault, padTo } from './faults';
import {
  abbreviate,
  allPaths,
  deleteAt,
  getAt,
  type Json,
  type Path,
  parsedValue,
  pathText,
  rawToken,
  serialise,
  setAt,
  setOwn,
} from './json';
import { TOKEN_FAULTS } from './tokens';

export const CONTROL_CHARS = ['\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\r', '\u001b', '\u001f', '\u007f'];
export const LONE_SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff'];
export const IMPOSSIBLE_DATES = [
  '2026-02-30',
  '2025-02-29',
  '2026-13-01',
  '2026-00-10',
  '2026-04-31',
  '0000-00-00',
  '2026-1-5',
  '2026-01-01T00:00:00Z',
  '26-01-01',
  '2026/01/01',
  '+002026-01-01',
  ' 2026-01-01',
  '２０２６-01-01',
  '9999-99-99',
  '',
];

const short = (v: unknown): string => {
  const text = JSON.stringify(abbreviate(v)) ?? String(v);
  return text.length > 100 ? `${text.slice(0, 100)}...` : text;
};
const jsonType = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const insertAt = (s: string, at: number, piece: string): string => {
  const i = at % (s.length + 1);
  return s.slice(0, i) + piece + s.slice(i);
};

/** The places in an endpoint's base body that faults aim at, by what they hold. */
export interface Targets {
  all: Path[];
  objects: Path[];
  arrays: Path[];
  strings: Path[];
  numbers: Path[];
  dates: Path[];
  /** Fields whose removal the schema refuses (none when the endpoint has no local schema). */
  required: Path[];
}

export function targetsOf(e: Endpoint): Targets {
  const body = e.base().json.body;
  const all = allPaths(body);
  const is = (t: string) => all.filter((p) => jsonType(getAt(body, p)) === t);
  const strings = is('string');
  const required = e.schema
    ? all.filter((p) => {
        if (typeof p[p.length - 1] !== 'string') return false;
        const copy = { body: JSON.parse(serialise(body)) as Json };
        deleteAt(copy.body, p);
        return !e.schema!.safeParse(parsedValue(copy.body)).success;
      })
    : [];
  return {
    all,
    objects: is('object'),
    arrays: is('array'),
    strings,
    numbers: is('number'),
    dates: strings.filter((p) => /date$|^asOf$/i.test(String(p[p.length - 1]))),
    required,
  };
}

const set = (d: Draft, p: Path, v: Json) => setAt(d.json, p, v);
const path = (paths: Path[]) => fc.constantFrom(...paths);

/** One value of every JSON type, with generated content; the fault takes the first whose type differs. */
const valuesOfEveryType: fc.Arbitrary<Json[]> = fc.tuple(
  fc.constant(null),
  fc.boolean(),
  fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
  fc.string({ maxLength: 20 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { maxKeys: 3 }),
);

function wrongType(paths: Path[], family: Family, allowNull: boolean) {
  return fc.tuple(path(paths), valuesOfEveryType, fc.nat(5)).map(([p, values, start]) => {
    const candidates = values.filter((v) => allowNull || v !== null);
    const pick = (current: Json | undefined) => {
      const rotated = [
        ...candidates.slice(start % candidates.length),
        ...candidates.slice(0, start % candidates.length),
      ];
      return rotated.find((v) => jsonType(v) !== jsonType(current)) ?? null;
    };
    return fault('wrong-type', family, `${pathText(p)} -> another JSON type`, (d) =>
      set(d, p, pick(getAt(d.json.body, p))),
    );
  });
}

function extraField(paths: Path[], family: Family) {
  const key = fc.oneof(
    fc.constantFrom('extra', 'isAdmin', 'role', 'sponsorId', '$where', '', ' ', 'records '),
    fc.string({ minLength: 1, maxLength: 12 }),
  );
  return fc.tuple(path(paths), key, fc.jsonValue({ maxDepth: 2 })).map(([p, k, v]) =>
    fault('extra-field', family, `${pathText(p)}.${JSON.stringify(k)} = ${short(v)}`, (d) => {
      const target = getAt(d.json.body, p);
      if (target === null || typeof target !== 'object' || Array.isArray(target)) return false;
      if (Object.hasOwn(target, k)) return false;
      setOwn(target, k, v as Json);
      return true;
    }),
  );
}

function protoKey(paths: Path[], family: Family) {
  const key = fc.constantFrom('__proto__', 'constructor', 'prototype', '__defineGetter__', 'hasOwnProperty');
  // The last value has an own `__proto__` key (an object literal would set the prototype instead).
  const nested = JSON.parse('{"__proto__":{"polluted":true}}') as Json;
  const value = fc.constantFrom<Json>({ polluted: true }, { role: 'admin', isAdmin: true }, 'x', 1, [], nested);
  return fc.tuple(path(paths), key, value).map(([p, k, v]) =>
    fault('proto-key', family, `${pathText(p)}.${k} = ${short(v)}`, (d) => {
      const target = getAt(d.json.body, p);
      if (target === null || typeof target !== 'object' || Array.isArray(target)) return false;
      setOwn(target, k, JSON.parse(JSON.stringify(v)) as Json);
      return true;
    }),
  );
}

/**
 * Platform guard: nesting 10,000 deep and more breaks the emulator's worker (a later request on it then fails with
 * EPIPE and the emulator process exits; see docs/robustness.md), so depths stay at 1,000 and under.
 */
function deepNesting(paths: Path[], family: Family) {
  const depth = fc.constantFrom(64, 256, 1_000);
  return fc.tuple(path(paths), depth, fc.boolean()).map(([p, n, arrays]) => {
    const text = arrays ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    return fault('deep-nesting', family, `${pathText(p)} = ${arrays ? 'arrays' : 'objects'} nested ${n} deep`, (d) =>
      set(d, p, rawToken(text)),
    );
  });
}

function giantArray(paths: Path[], family: Family, filler: fc.Arbitrary<Json> = fc.constant(0)) {
  const size = fc.constantFrom(501, 5_001, 20_001, 100_000);
  return fc.tuple(path(paths), size, fc.boolean(), filler).map(([p, n, copies, fill]) =>
    fault(
      'giant-array',
      family,
      `${pathText(p)} = up to ${n} ${copies ? 'copies of its first item' : 'items'}`,
      (d) => {
        const current = getAt(d.json.body, p);
        const first = Array.isArray(current) && current.length ? current[0]! : fill;
        const item = copies ? first : fill;
        // Copies of a whole (maybe already enlarged) record are large: at most ~12 MB of them, past every limit.
        const count = Math.max(1, Math.min(n, Math.floor(12e6 / (serialise(item).length + 1))));
        return set(d, p, JSON.parse(JSON.stringify(Array.from({ length: count }, () => item))) as Json);
      },
    ),
  );
}

/** Faults whose badness the endpoint's schema decides (family `schema`), or curated ones for an endpoint without one. */
export function schemaFaults(t: Targets, family: Family = 'schema'): fc.Arbitrary<Fault> {
  const strict = family === 'rule'; // no schema to check against: only faults that are bad under any sane schema
  const options: { weight: number; arbitrary: fc.Arbitrary<Fault> }[] = [
    { weight: 5, arbitrary: wrongType(t.all, family, !strict) },
    { weight: 3, arbitrary: extraField(t.objects, family) },
    { weight: 2, arbitrary: protoKey(t.objects, family) },
    {
      weight: 1,
      arbitrary: deepNesting(
        t.all.filter((p) => p.length > 0),
        family,
      ),
    },
  ];
  if (!strict) options.push(...looseSchemaFaults(t));
  if (t.arrays.length && !strict) options.push({ weight: 1, arbitrary: giantArray(t.arrays, family) });
  return fc.oneof(...options);
}

/** Faults that are often valid (a control character in free text): only sent when the schema refuses them. */
function looseSchemaFaults(t: Targets): { weight: number; arbitrary: fc.Arbitrary<Fault> }[] {
  const out: { weight: number; arbitrary: fc.Arbitrary<Fault> }[] = [];
  if (t.required.length)
    out.push({
      weight: 4,
      arbitrary: path(t.required).map((p) =>
        fault('missing-field', 'schema', `${pathText(p)} removed`, (d) => deleteAt(d.json.body, p)),
      ),
    });
  if (t.strings.length) {
    out.push({
      weight: 3,
      arbitrary: fc.tuple(path(t.strings), fc.constantFrom(...CONTROL_CHARS), fc.nat()).map(([p, c, at]) =>
        fault('control-char', 'schema', `${pathText(p)} with ${JSON.stringify(c)}`, (d) => {
          const v = getAt(d.json.body, p);
          return typeof v === 'string' && set(d, p, insertAt(v, at, c));
        }),
      ),
    });
    const huge = fc.tuple(
      path(t.strings),
      fc.constantFrom(2_001, 10_000, 70_000, 300_000),
      fc.constantFrom('x', 'é', '€'),
    );
    out.push({
      weight: 2,
      arbitrary: huge.map(([p, n, c]) =>
        fault('huge-string', 'schema', `${pathText(p)} = <${JSON.stringify(c)} x ${n}>`, (d) => set(d, p, c.repeat(n))),
      ),
    });
    const blank = fc.constantFrom('', ' ', '\t', ' padded ', 'UPPER@CASE');
    out.push({
      weight: 1,
      arbitrary: fc
        .tuple(path(t.strings), blank)
        .map(([p, v]) => fault('blank-string', 'schema', `${pathText(p)} = ${JSON.stringify(v)}`, (d) => set(d, p, v))),
    });
  }
  if (t.dates.length)
    out.push({
      weight: 3,
      arbitrary: fc
        .tuple(path(t.dates), fc.constantFrom(...IMPOSSIBLE_DATES))
        .map(([p, v]) =>
          fault('impossible-date', 'schema', `${pathText(p)} = ${JSON.stringify(v)}`, (d) => set(d, p, v)),
        ),
    });
  if (t.numbers.length) out.push(...numberFaults(t.numbers));
  return out;
}

function numberFaults(numbers: Path[]): { weight: number; arbitrary: fc.Arbitrary<Fault> }[] {
  const nan = fc.constantFrom<Json>(null, 'NaN', rawToken('1e999'), rawToken('-1e999'), '8', 'Infinity');
  const negative = fc.constantFrom(-1, -0.5, -0.0001, -1e9);
  return [
    {
      weight: 2,
      arbitrary: fc
        .tuple(path(numbers), nan)
        .map(([p, v]) =>
          fault('nan-infinity', 'schema', `${pathText(p)} = ${short(v).replace('\\u0000raw:', '')}`, (d) =>
            set(d, p, v),
          ),
        ),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(path(numbers), negative)
        .map(([p, v]) => fault('negative-number', 'schema', `${pathText(p)} = ${v}`, (d) => set(d, p, v))),
    },
  ];
}

/** A lone UTF-16 surrogate in any string of the body: not text, and not storable as UTF-8. */
export function loneSurrogate(t: Targets): fc.Arbitrary<Fault> {
  return fc.tuple(path(t.strings), fc.constantFrom(...LONE_SURROGATES), fc.nat()).map(([p, c, at]) =>
    fault('lone-surrogate', 'rule', `${pathText(p)} with ${JSON.stringify(c)}`, (d) => {
      const v = getAt(d.json.body, p);
      return typeof v === 'string' && set(d, p, insertAt(v, at, c));
    }),
  );
}

export const PATH_ID_FAULTS = [
  'a%2Fb',
  '%2F',
  '..',
  '%2E%2E',
  '.',
  '__x__',
  '__name__',
  '%00',
  'a%0Ab',
  '%ED%A0%80',
  '%ZZ',
  '%',
  'x'.repeat(701),
  'x'.repeat(1_600),
  '%E2%82%AC'.repeat(700),
  '%F0%9F%98%80'.repeat(500),
  'nobody-here',
];

/** Tokens, callers, path values and transport: faults every endpoint has. */
export function commonRuleFaults(e: Endpoint, t: Targets): { weight: number; arbitrary: fc.Arbitrary<Fault> }[] {
  const token = fc
    .constantFrom(...TOKEN_FAULTS)
    .map((tf) => always(`token:${tf}`, `Authorization: ${tf}`, (d) => (d.token = tf)));
  const caller = fc
    .constantFrom(...e.wrongCallers)
    .map((who) => always('wrong-caller', `as ${who}`, (d) => (d.caller = who)));
  const params = Object.keys(e.base().params);
  const pathId = fc
    .tuple(fc.constantFrom(...params), fc.constantFrom(...PATH_ID_FAULTS, ...(e.pathFaults ?? [])))
    .map(([name, v]) =>
      always('path-id', `${name} = ${v.length > 40 ? `${v.slice(0, 12)}... (${v.length} chars encoded)` : v}`, (d) => {
        d.params[name] = v;
      }),
    );
  const other = fc.constantFrom(...e.otherSponsor).map((o) =>
    always(
      'other-sponsor',
      Object.entries(o)
        .map(([k, v]) => `${k} = ${v}`)
        .join(', '),
      (d) => Object.assign(d.params, o),
    ),
  );
  return [
    { weight: 6, arbitrary: token },
    { weight: 3, arbitrary: caller },
    { weight: 3, arbitrary: pathId },
    { weight: 2, arbitrary: other },
    { weight: 4, arbitrary: transportFaults(e) },
    ...(t.strings.length ? [{ weight: 4, arbitrary: loneSurrogate(t) }] : []),
  ];
}

const NON_JSON = [
  '{"a":',
  '{"itemIds":NaN}',
  'NaN',
  'undefined',
  "{'role':'admin'}",
  '[1,2,',
  '{"a":1}}',
  '{"a":1,}',
  '\u0000',
  '<xml/>',
  'role=admin',
  '{"a":"\u0001"}',
];
const WRONG_TYPES = [
  null,
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
  'text/html',
];

function transportFaults(e: Endpoint): fc.Arbitrary<Fault> {
  const nonJson = fc.oneof(
    fc.constantFrom(...NON_JSON).map((raw) => always('non-json', `body ${JSON.stringify(raw)}`, (d) => (d.raw = raw))),
    fc.nat().map((at) =>
      always('non-json', 'the body cut short', (d) => {
        const text = serialise(d.json.body);
        d.raw = text.slice(0, 1 + (at % Math.max(1, text.length - 1)));
      }),
    ),
  );
  const contentType = fc.constantFrom(...WRONG_TYPES).map((ct) =>
    always('content-type', `Content-Type: ${ct ?? '(none), a small JSON body'}`, (d) => {
      d.contentType = ct;
      if (ct === null) d.raw = smallJson(d);
    }),
  );
  const size = fc.constantFrom(...e.oversize.sizes);
  const oversize = size.map((bytes) =>
    fault('oversized-body', 'rule', `a ${bytes}-byte body (padding at ${pathText(e.oversize.at)})`, (d) =>
      padBody(d, e.oversize.at, bytes),
    ),
  );
  return fc.oneof(
    { weight: 3, arbitrary: nonJson },
    { weight: 3, arbitrary: contentType },
    { weight: 2, arbitrary: oversize },
  );
}

function padBody(d: Draft, at: Path, bytes: number): boolean {
  const parent = getAt(d.json.body, at.slice(0, -1));
  if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) return false;
  setOwn(parent, String(at[at.length - 1]), '');
  return padTo(d, at, bytes);
}

/** A request ready to send, and why it is bad. */
export interface BadRequest {
  endpoint: string;
  method: string;
  path: string;
  caller: string;
  token?: Draft['token'];
  contentType: string | null;
  body: string | Buffer;
  faults: { kind: string; family: Family; detail: string }[];
}

/** Applies the faults (schema ones first) and keeps the request only if it is bad. */
export function build(e: Endpoint, faults: Fault[]): BadRequest | undefined {
  const draft = e.base();
  const ordered = [...faults.filter((f) => f.family === 'schema'), ...faults.filter((f) => f.family === 'rule')];
  const applied = ordered.filter((f) => f.apply(draft));
  // Two faults can cancel out: another sponsor's admin calling on that sponsor's own path is a valid request.
  const kinds = new Set(applied.map((f) => f.kind));
  if (kinds.has('wrong-caller') && kinds.has('other-sponsor')) return undefined;
  const ruleApplied = applied.some((f) => f.family === 'rule');
  if (!ruleApplied) {
    if (!e.schema || draft.raw !== undefined) return undefined;
    if (e.schema.safeParse(parsedValue(draft.json.body)).success) return undefined;
  }
  const request = toRequest(e, draft, applied);
  if (request.contentType === null && request.body.length > NO_TYPE_MAX_BYTES) return undefined;
  if (request.body.length > MAX_BODY_CHARS) return undefined;
  if (request.body.length > EARLY_ANSWER_MAX_BYTES && applied.some((f) => EARLY_ANSWER.test(f.kind))) return undefined;
  if (e.name !== 'sync' && Buffer.byteLength(request.body) > EARLY_ANSWER_MAX_BYTES) return undefined;
  if (Buffer.byteLength(request.body) > PARSER_ANSWER_MAX_BYTES && parserRefuses(request)) return undefined;
  return request;
}

/**
 * Platform guard: a large body (seen at 1 MB) whose request is refused before its body matters (a bad token: 401
 * in a few ms) makes the emulator's proxy fail with EPIPE and exit, like the two cases below. Faults answered before
 * the body is looked at (token, path, caller) are therefore combined only with bodies up to 256 KiB.
 */
export const EARLY_ANSWER = /^(token:|path-id$|wrong-caller$|other-sponsor$)/;
// The same happens when an endpoint with a small limit (64 KiB; confirmations 1 MiB) answers 413 to a body of
// several hundred KB (seen: a 600 KB transcript request): those endpoints get bodies up to 256 KiB, which is still
// over their limit, so the 413 is exercised.
export const EARLY_ANSWER_MAX_BYTES = 256 * 1024;

/**
 * Platform guard: past the emulator's own 32 MiB body limit its worker answers 413 before the body is read, the
 * emulator's proxy fails with EPIPE and the emulator exits (see docs/robustness.md). Faults combined can build such
 * bodies (copies of a record already padded to 9 MiB): those are not sent. Large bodies are ASCII padding, so 16 Mi
 * characters stay far under the limit.
 */
export const MAX_BODY_CHARS = 16 * 1024 * 1024;

/**
 * Platform guard. The emulator's body parsers skip a body that has no Content-Type, so the function answers before
 * the body has arrived; the emulator's proxy then fails writing the rest (EPIPE, seen from ~1 MB down to a few KB
 * under load) and its process exits, orphaning the Firestore emulator and workers on the shared ports. Bodies sent
 * without a Content-Type are therefore kept tiny (see docs/robustness.md).
 */
export const NO_TYPE_MAX_BYTES = 512;

/**
 * Platform guard: a JSON body the emulator's own parser refuses (invalid JSON) is answered by the emulator before it
 * has all arrived; at 71 KB on a loaded machine the proxy failed with EPIPE and the emulator exited. Such bodies stay
 * within 16 KiB, which a local socket takes in one write.
 */
export const PARSER_ANSWER_MAX_BYTES = 16 * 1024;

function parserRefuses(r: BadRequest): boolean {
  if (!r.contentType || !/json/i.test(r.contentType)) return false;
  try {
    JSON.parse(r.body.toString());
    return false;
  } catch {
    return true;
  }
}

/** The body itself when it is tiny, else a tiny JSON object. */
export function smallJson(d: Draft): string {
  const text = serialise(d.json.body);
  return text.length <= NO_TYPE_MAX_BYTES
    ? text
    : JSON.stringify({ idempotencyKey: 'robustness-no-type', role: 'coach' });
}

export function toRequest(e: Endpoint, draft: Draft, faults: Pick<Fault, 'kind' | 'family' | 'detail'>[]): BadRequest {
  return {
    endpoint: e.name,
    method: e.method,
    path: e.path(draft.params),
    caller: draft.caller,
    ...(draft.token ? { token: draft.token } : {}),
    contentType: draft.contentType,
    body: draft.raw ?? serialise(draft.json.body),
    faults: faults.map(({ kind, family, detail }) => ({ kind, family, detail })),
  };
}

/** Bad requests for one endpoint: mostly one fault, sometimes two or three. */
export function badRequests(e: Endpoint): fc.Arbitrary<BadRequest> {
  const t = targetsOf(e);
  const rules = fc.oneof(...commonRuleFaults(e, t), ...e.rules(t));
  const one = e.schema
    ? fc.oneof({ weight: 11, arbitrary: schemaFaults(t) }, { weight: 9, arbitrary: rules })
    : fc.oneof({ weight: 11, arbitrary: schemaFaults(t, 'rule') }, { weight: 9, arbitrary: rules });
  const count = fc.oneof(
    { weight: 7, arbitrary: fc.constant(1) },
    { weight: 2, arbitrary: fc.constant(2) },
    { weight: 1, arbitrary: fc.constant(3) },
  );
  return count
    .chain((n) => fc.array(one, { minLength: n, maxLength: n }))
    .map((faults) => build(e, faults))
    .filter((r): r is BadRequest => r !== undefined);
}
