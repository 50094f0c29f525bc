// The cases of the earlier manual finding, sent on every run whatever the generators draw: a lone surrogate in
// every text field, over-long ids and emails, huge names and item ids, tiny hours, thousands of flagged rows,
// non-JSON bodies, missing and wrong Content-Type, bodies up to and past the limits.
// Most are bad and must be refused like any generated request. A few (`EDGE`) are valid by the schema, only
// extreme: they may be accepted or refused, but never with a 5xx or a hang, and a refusal must not write.
import { ENDPOINTS, type Endpoint, flaggedRows } from './endpoints';
import { always, type Draft, padTo } from './faults';
import { type BadRequest, build, LONE_SURROGATES, smallJson, targetsOf, toRequest } from './generators';
import { getAt, type Json, type Path, pathText, setAt } from './json';

const KiB = 1024;
const MiB = 1024 * KiB;

export interface Finding {
  name: string;
  request: BadRequest;
  /** `reject`: a bad request like any other. `no-5xx`: valid but extreme, may be accepted. */
  expect: 'reject' | 'no-5xx';
}

const endpoint = (name: string): Endpoint => {
  const e = ENDPOINTS.find((x) => x.name === name);
  if (!e) throw new Error(`no endpoint ${name}`);
  return e;
};

/** A finding made of rule faults (or, with `edge`, of edits that leave the request valid). */
function finding(e: Endpoint, name: string, edit: (d: Draft) => void, expect: Finding['expect'] = 'reject'): Finding {
  const f = always(`finding:${name}`, name, edit);
  const request = expect === 'reject' ? build(e, [f]) : buildValid(e, name, edit);
  if (!request) throw new Error(`finding ${name} on ${e.name} did not apply`);
  return { name, request, expect };
}

/** An extreme but schema-valid request (not sent through `build`, which keeps only bad ones). */
function buildValid(e: Endpoint, name: string, edit: (d: Draft) => void): BadRequest {
  const d = e.base();
  edit(d);
  return toRequest(e, d, [{ kind: `edge:${name}`, family: 'rule', detail: name }]);
}

const put = (p: Path, v: Json) => (d: Draft) => {
  setAt(d.json, p, v);
};
const rec = (...rest: (string | number)[]): Path => ['records', 0, ...rest];

/** One path per field: `hours.3.date` stands for every hours entry's date. */
function fieldPaths(e: Endpoint): Path[] {
  return targetsOf(e).strings.filter((p) => p.every((k) => typeof k !== 'number' || k === 0));
}

function surrogates(e: Endpoint, quick: boolean): Finding[] {
  const paths = quick ? fieldPaths(e).slice(0, 2) : fieldPaths(e);
  return paths.map((p, i) => {
    const c = LONE_SURROGATES[i % LONE_SURROGATES.length]!;
    return finding(e, `lone surrogate in ${pathText(p)}`, (d) => {
      const v = getAt(d.json.body, p);
      if (typeof v === 'string') setAt(d.json, p, `${v}${c}`);
    });
  });
}

function transport(e: Endpoint): Finding[] {
  return [
    finding(e, 'invalid JSON with Content-Type: application/json', (d) => {
      d.raw = '{"a":';
    }),
    finding(e, 'a NaN token', (d) => {
      d.raw = '{"hours":NaN}';
    }),
    finding(e, 'a JSON body without Content-Type', (d) => {
      d.contentType = null;
      d.raw = smallJson(d);
    }),
    finding(e, 'a JSON body as text/plain', (d) => {
      d.contentType = 'text/plain';
    }),
    finding(e, 'a form body', (d) => {
      d.contentType = 'application/x-www-form-urlencoded';
      d.raw = 'role=admin&itemIds=HD1.1.1';
    }),
  ];
}

function padded(e: Endpoint, bytes: number, at: Path): Finding {
  return finding(e, `a ${bytes}-byte body`, (d) => {
    const parent = getAt(d.json.body, at.slice(0, -1));
    if (parent && typeof parent === 'object' && !Array.isArray(parent)) {
      (parent as Record<string, Json>)[String(at[at.length - 1])] = '';
      padTo(d, at, bytes);
    }
  });
}

function syncFindings(full: boolean): Finding[] {
  const e = endpoint('sync');
  const name = rec('apprentice', 'name');
  const tiny = (d: Draft) => {
    setAt(d.json, rec('signOffs', 0, 'date'), '2026-06-20');
    const hours = getAt(d.json.body, rec('hours')) as Json[];
    for (const category of ['on-the-job-learning', 'related-instruction', 'work-experience'])
      hours.push({ id: `tiny-${category}`, date: '2026-06-20', category, hours: 0.0001 });
  };
  const reuseKey = (edit: (d: Draft) => void) => (d: Draft) => {
    edit(d);
    setAt(d.json, ['idempotencyKey'], 'seed-acme-0001');
  };
  const flagged = put(rec('hours'), flaggedRows(8_000));
  return [
    finding(e, 'apprentice id of 1,501 bytes', put(rec('apprentice', 'id'), 'a'.repeat(1_501))),
    finding(e, 'apprentice id of 1,600 bytes', put(rec('apprentice', 'id'), 'a'.repeat(1_600))),
    ...(full ? [finding(e, 'apprentice id of 70,000 chars', put(rec('apprentice', 'id'), 'a'.repeat(70_000)))] : []),
    finding(
      e,
      'apprentice email with a 1,600-char local part',
      put(rec('apprentice', 'email'), `${'a'.repeat(1_600)}@x.example`),
    ),
    finding(
      e,
      'coach email with a 1,600-char local part',
      put(rec('apprentice', 'coachEmails', 0), `${'c'.repeat(1_600)}@x.example`),
    ),
    finding(e, 'name of 1.2 million chars', put(name, 'n'.repeat(1_200_000))),
    finding(e, 'item id of 1 million chars', put(rec('signOffs', 0, 'itemId'), 'i'.repeat(1_000_000))),
    finding(
      e,
      'hours row id of 1 million chars (edge: fits a document)',
      put(rec('hours', 0, 'id'), 'h'.repeat(1_000_000)),
      'no-5xx',
    ),
    finding(e, 'hours row id over 1 MiB', put(rec('hours', 0, 'id'), 'h'.repeat(1_048_577))),
    finding(e, 'tiny hours, key reused (refused only after validation)', reuseKey(tiny)),
    finding(e, '8,000 flagged hours rows, key reused', reuseKey(flagged)),
    ...(full ? [padded(e, 8 * MiB - 64, name), padded(e, 8 * MiB, name)] : []),
    padded(e, 8 * MiB + 1, name),
    finding(e, '0.0001-hour entries, recent (edge)', tiny, 'no-5xx'),
    finding(e, 'one 0.0001-hour entry (edge)', put(rec('hours', 0, 'hours'), 0.0001), 'no-5xx'),
    ...(full ? [finding(e, '8,000 hours rows, all flagged (edge)', flagged, 'no-5xx')] : []),
  ];
}

function otherFindings(): Finding[] {
  const signOffs = endpoint('sign-offs');
  const members = endpoint('members');
  return [
    // 1 million characters on sync (above); here within the 256 KiB platform guard, still over the 64 KiB limit.
    finding(signOffs, 'item id of 200,000 chars', put(['itemIds', 0], 'i'.repeat(200_000))),
    finding(members, 'email path with a 1,600-char local part', (d) => {
      d.params.email = `${'a'.repeat(1_600)}%40x.example`;
    }),
    finding(members, 'email path of 700 multi-byte chars', (d) => {
      d.params.email = `${'%C3%A9'.repeat(680)}%40x.example`;
    }),
    finding(signOffs, 'apprentice id of 700 three-byte chars (2,100 bytes)', (d) => {
      d.params.apprenticeId = '%E2%82%AC'.repeat(700);
    }),
  ];
}

/**
 * The cases above; `full` adds the slow ones (each holds the function until its 120 s timeout today). Not sent: a
 * body past the emulator's own 32 MiB limit, and a large body without Content-Type. The emulator answers those
 * before reading the body, its proxy then fails with EPIPE and the emulator process exits (see docs/robustness.md).
 */
export function findings(full: boolean): Finding[] {
  const perEndpoint = ENDPOINTS.filter((e) => !e.optional).flatMap((e) => [
    ...surrogates(e, !full),
    ...transport(e),
    ...(e.name === 'sync' ? [] : [padded(e, 64 * KiB + 1, ['padding'])]),
  ]);
  return [...perEndpoint, ...syncFindings(full), ...otherFindings()];
}
