// The write endpoints under test, one entry each: the valid base request (from the seeded cohort), the request
// schema that decides whether a schema fault made it bad, who may not call it, and the endpoint's own rule faults.
// Adding an endpoint is adding an entry here.

import { shippedFrameworks } from '@qualcard/shared';
import fc from 'fast-check';
import {
  MemberRequest,
  MigrationRequest,
  PublishRequest,
  RaiseRequest,
  SignOffRequest,
  SyncRequest,
  TranscriptRequest,
} from '../../shared/src/api';
import {
  ACME,
  ADMIN,
  ANN_EMAIL,
  ANN_STEP2_SINCE,
  ANN_UNSIGNED,
  AS_OF,
  ann,
  COACH,
  COACH2,
  CONSULTANT,
  DESK,
  desk,
  GLOBEX,
  GLOBEX_ADMIN,
  GLOBEX_DESK,
  SEED_SYNC_KEY,
  STRANGER,
} from './cohort';
import { confirmations } from './confirmations';
import { days, draft, type Endpoint, KiB, MiB, nextKey, pathFrom, set, setting, short, type Weighted } from './drafts';
import { always, type Draft, type Fault, fault } from './faults';
import { getAt, type Json, type Path, pathText, setOwn } from './json';

export type { Endpoint } from './drafts';

const A = '/v1/sponsors/:sponsorId/apprentices/:apprenticeId';

/**
 * Publishing: the base is version 4 of Acme's own framework (new, so valid: it writes). Every fault keeps it bad:
 * a shipped framework's id, or a seeded version's name with this (other) content, is a 409; nothing here renames the
 * framework to a new id or makes it equal to a published version (that re-publish is a 200 that writes nothing, and
 * not a bad request).
 */
function publishRules(): Weighted[] {
  return [
    {
      weight: 3,
      arbitrary: setting(
        'shipped-id',
        ['framework', 'id'],
        shippedFrameworks().map((f) => f.id),
      ),
    },
    { weight: 3, arbitrary: setting('version-collision', ['framework', 'version'], ['1', '2', '3']) },
  ];
}

/**
 * Migrating: the base moves cat from version 1 to 2 with `apply: true` (valid: it writes), so a bad request that is
 * refused late (after the diff) and still wrote is seen. Never generated: `toVersion` = cat's own version 1 or no
 * `apprenticeIds` with nobody left to move (a 200 no-op, not a bad request).
 */
function migrationRules(): Weighted[] {
  return [
    {
      weight: 3,
      arbitrary: setting('unknown-version', ['toVersion'], ['9', '2.0', 'v2', 'latest', '4', 'x'.repeat(1_500)]),
    },
    // Named twice: moved once, listed twice, before ids had to be unique.
    {
      weight: 1,
      arbitrary: fc.constant(
        fault('duplicate-apprentice', 'rule', 'apprenticeIds = [cat, cat]', (d) =>
          set(d, ['apprenticeIds'], ['cat', 'cat']),
        ),
      ),
    },
    // Version 3 has no level L1, the level cat works towards: a 409 after the plan, before any write.
    { weight: 2, arbitrary: setting('version-without-level', ['toVersion'], ['3']) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom('ann', 'bob', 'gus', 'nobody', 'CAT', 'cat.'), fc.boolean())
        .map(([id, append]) =>
          fault('not-on-framework', 'rule', `apprenticeIds ${append ? '+=' : '='} [${id}]`, (d) => {
            const list = getAt(d.json.body, ['apprenticeIds']);
            if (!Array.isArray(list)) return false;
            if (append) list.push(id);
            else list.splice(0, list.length, id);
            return true;
          }),
        ),
    },
  ];
}

const R = ['records', 0] as const;
const rec = (...rest: (string | number)[]): Path => [...R, ...rest];

function syncRules(): Weighted[] {
  const longId = fc.constantFrom(1_501, 1_600, 4_000).map((n) => 'a'.repeat(n));
  const longEmail = fc.constantFrom(300, 1_600).map((n) => `${'a'.repeat(n)}@acme.example`);
  // Each alone is more than a Firestore document holds (1 MiB), whatever else the document has.
  const docTooBig = fc.oneof(
    setting('doc-too-big', rec('apprentice', 'name'), ['n'.repeat(1_048_577), 'n'.repeat(1_200_000)]),
    setting('doc-too-big', rec('signOffs', 0, 'itemId'), ['i'.repeat(1_048_577)]),
    setting('doc-too-big', rec('hours', 0, 'id'), ['h'.repeat(1_048_577)]),
    setting('doc-too-big', rec('priorCredit', 0, 'description'), ['d'.repeat(1_200_000)]),
  );
  return [
    {
      weight: 3,
      arbitrary: longId.map((v) =>
        fault('doc-key-too-long', 'rule', `records.0.apprentice.id = <"a" x ${v.length}>`, (d) =>
          set(d, rec('apprentice', 'id'), v),
        ),
      ),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(rec('apprentice', 'email'), rec('apprentice', 'coachEmails', 0)), longEmail)
        .map(([p, v]) =>
          fault('email-too-long', 'rule', `${pathText(p)} = <local part x ${v.length - 13}>`, (d) => set(d, p, v)),
        ),
    },
    { weight: 2, arbitrary: docTooBig },
    { weight: 2, arbitrary: setting('sponsor-mismatch', rec('sponsorId'), [GLOBEX, 'Acme', 'acme2']) },
    {
      weight: 2,
      arbitrary: setting('unknown-framework', rec('apprentice', 'frameworkId'), ['no-such-framework', 'NITAS']),
    },
    { weight: 2, arbitrary: setting('unknown-level', rec('apprentice', 'levelId'), ['L9', 'l1', 'ITS1']) },
    { weight: 2, arbitrary: fc.constant(duplicateApprentice()) },
    { weight: 3, arbitrary: fc.constantFrom(...conflicts()) },
    { weight: 3, arbitrary: smuggledConfirmation() },
  ];
}

/** A confirmation (or archive mark) a sheet's sync can never send: only the confirmations endpoint makes one. */
export const SMUGGLED_CONFIRMATION = {
  kind: 'confirmed',
  by: COACH,
  role: 'coach',
  at: '2026-06-30T12:00:00.000Z',
  date: AS_OF,
} as const;
const SMUGGLE_AT: [Path, string, Json][] = [
  [rec('signOffs', 0), 'confirmation', SMUGGLED_CONFIRMATION],
  [rec('hours', 0), 'confirmation', SMUGGLED_CONFIRMATION],
  [rec('priorCredit', 0), 'confirmation', { ...SMUGGLED_CONFIRMATION, by: ADMIN, role: 'admin' }],
  [rec('exams', 0), 'confirmation', { ...SMUGGLED_CONFIRMATION, by: ADMIN, role: 'admin' }],
  [rec('certifications', 0), 'confirmation', { ...SMUGGLED_CONFIRMATION, by: ADMIN, role: 'admin' }],
  [
    rec('signOffs', 0),
    'confirmation',
    { kind: 'attested', by: ADMIN, role: 'admin', at: '2026-06-30T12:00:00.000Z', date: AS_OF, reason: 'History' },
  ],
  [rec('signOffs', 0), 'archived', { fromVersion: '1', toVersion: '2', at: '2026-06-30T12:00:00.000Z' }],
];

/** Each way of smuggling a confirmation into a sync body. */
export const smuggledConfirmations = (): Fault[] =>
  SMUGGLE_AT.map(([at, key, value]) =>
    fault('smuggled-confirmation', 'rule', `${pathText([...at, key])} = ${short(value)}`, (d) => {
      const row = getAt(d.json.body, at);
      if (row === null || typeof row !== 'object' || Array.isArray(row)) return false;
      setOwn(row, key, JSON.parse(JSON.stringify(value)) as Json);
      return true;
    }),
  );
const smuggledConfirmation = () => fc.constantFrom(...smuggledConfirmations());

function duplicateApprentice(): Fault {
  return fault('duplicate-apprentice', 'rule', 'records[1] is records[0] again', (d) => {
    const records = getAt(d.json.body, ['records']);
    if (!Array.isArray(records) || !records.length) return false;
    records.push(JSON.parse(JSON.stringify(records[0])) as Json);
    return true;
  });
}

/** Re-using the seeding sync's key with another body: a 409, but only after the whole body was validated. */
function conflicts(): Fault[] {
  const reuse = (d: Draft) => set(d, ['idempotencyKey'], SEED_SYNC_KEY);
  const tiny = (d: Draft) => {
    set(d, rec('signOffs', 0, 'date'), '2026-06-20');
    const hours = getAt(d.json.body, rec('hours'));
    if (Array.isArray(hours))
      for (const category of ['on-the-job-learning', 'related-instruction', 'work-experience'])
        hours.push({ id: `tiny-${category}`, date: '2026-06-20', category, hours: 0.0001 });
    reuse(d);
  };
  const flagged = (d: Draft) => {
    set(d, rec('hours'), flaggedRows(8_000));
    reuse(d);
  };
  return [
    always('idempotency-conflict', `idempotencyKey = ${SEED_SYNC_KEY} (used by the seed)`, reuse),
    always('tiny-hours', 'three recent 0.0001-hour entries and a recent sign-off; key reused', tiny),
    always('flagged-rows', '8,000 hours rows, all flagged; key reused', flagged),
  ];
}

/** `n` hours rows each flagged (future date, over 24 hours a day). */
export const flaggedRows = (n: number): Json =>
  Array.from({ length: n }, (_, i) => ({
    id: `flagged-${i}`,
    date: '2099-01-01',
    category: 'on-the-job-learning',
    hours: 30,
    description: 'flagged',
  }));

const F = '/v1/sponsors/:sponsorId/frameworks';

/**
 * Recording a raise: the base raises ann to step 2 of Acme's wage schedule (reached 2025-12-01) from AS_OF (valid:
 * it writes). Every fault keeps it bad: step 1 or past the schedule, step 3 (not reached), a date before the step was
 * reached or after today.
 */
function raiseRules(): Weighted[] {
  const before = new Date(Date.parse(`${ANN_STEP2_SINCE}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return [
    { weight: 3, arbitrary: setting('step-not-reached', ['step'], [1, 3, 4, 30, 31]) },
    { weight: 3, arbitrary: setting('date-not-eligible', ['effectiveDate'], [before, '2024-01-01', days(400)]) },
  ];
}

export const ENDPOINTS: Endpoint[] = [
  {
    name: 'sync',
    method: 'POST',
    pattern: '/v1/sponsors/:sponsorId/sync',
    base: () => draft(ADMIN, { sponsorId: ACME }, { idempotencyKey: nextKey(), asOf: AS_OF, records: [ann() as Json] }),
    schema: SyncRequest,
    wrongCallers: [STRANGER, ANN_EMAIL, CONSULTANT, GLOBEX_ADMIN, COACH2],
    otherSponsor: [{ sponsorId: GLOBEX }],
    // At the limit (8 MiB - 64, 8 MiB) and past the emulator's own (33 MiB): findings.ts sends those once each.
    oversize: { at: rec('apprentice', 'name'), sizes: [8 * MiB + 1, 9 * MiB] },
    rules: syncRules,
    path: pathFrom('/v1/sponsors/:sponsorId/sync'),
  },
  {
    name: 'sign-offs',
    method: 'POST',
    pattern: `${A}/sign-offs`,
    base: () =>
      draft(
        COACH,
        { sponsorId: ACME, apprenticeId: 'ann' },
        { itemIds: ANN_UNSIGNED.slice(0, 2), date: AS_OF, evidence: 'Observed a ticket triage', notes: 'On site' },
      ),
    schema: SignOffRequest,
    wrongCallers: [ADMIN, COACH2, CONSULTANT, ANN_EMAIL, STRANGER, GLOBEX_ADMIN],
    otherSponsor: [{ sponsorId: GLOBEX }, { apprenticeId: 'gus' }, { sponsorId: GLOBEX, apprenticeId: 'gus' }],
    pathFaults: ['bob'],
    oversize: { at: ['padding'], sizes: [64 * KiB + 1, 64 * KiB + 100, MiB, 9 * MiB] },
    rules: () => [
      {
        weight: 4,
        arbitrary: fc
          .tuple(
            fc.nat(1),
            fc.constantFrom(
              'HD9.9.9',
              'nope',
              '../HD1.1.1',
              `${ANN_UNSIGNED[0]}/x`,
              '__x__',
              'x'.repeat(1_500),
              'ITS1.1',
            ),
          )
          .map(([i, v]) =>
            fault('unknown-item', 'rule', `itemIds.${i} = ${short(v)}`, (d) => set(d, ['itemIds', i], v)),
          ),
      },
      { weight: 3, arbitrary: setting('future-date', ['date'], [days(2), days(40), '2099-12-31']) },
      { weight: 1, arbitrary: setting('huge-id', ['itemIds', 0], ['i'.repeat(1_000_000)]) },
      // A coach's sign-off is confirmed by the endpoint itself; a body cannot carry its own.
      {
        weight: 2,
        arbitrary: fc.constant(
          fault('smuggled-confirmation', 'rule', `confirmation = ${short(SMUGGLED_CONFIRMATION)}`, (d) => {
            const body = d.json.body;
            if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
            setOwn(body, 'confirmation', { ...SMUGGLED_CONFIRMATION });
            return true;
          }),
        ),
      },
    ],
    path: pathFrom(`${A}/sign-offs`),
  },
  {
    name: 'transcripts',
    method: 'POST',
    pattern: `${A}/transcripts`,
    base: () => draft(ADMIN, { sponsorId: ACME, apprenticeId: 'ann' }, { asOf: AS_OF }),
    schema: TranscriptRequest,
    wrongCallers: [ANN_EMAIL, COACH2, STRANGER, GLOBEX_ADMIN],
    otherSponsor: [{ sponsorId: GLOBEX }, { apprenticeId: 'gus' }, { sponsorId: GLOBEX, apprenticeId: 'gus' }],
    // No `bob`: acme's admin may export bob's transcript (a valid request, counted as an accepted bad one once).
    oversize: { at: ['padding'], sizes: [64 * KiB + 1, 64 * KiB + 100, MiB, 9 * MiB] },
    rules: () => [],
    path: pathFrom(`${A}/transcripts`),
  },
  {
    name: 'members',
    method: 'PUT',
    pattern: '/v1/sponsors/:sponsorId/members/:email',
    base: () => draft(ADMIN, { sponsorId: ACME, email: 'new.coach@acme.example' }, { role: 'coach' }),
    schema: MemberRequest,
    wrongCallers: [COACH, CONSULTANT, ANN_EMAIL, STRANGER, GLOBEX_ADMIN],
    otherSponsor: [{ sponsorId: GLOBEX }],
    pathFaults: [
      'not-an-email',
      'a%40',
      '%40x.example',
      'a%40b%40c.example',
      'a%20b%40x.example',
      'a%2Fb%40x.example',
      'new.coach%40acme.example%00',
      '%E2%82%AC%40x.example',
      `${'a'.repeat(300)}%40x.example`,
      `${'a'.repeat(1_600)}%40x.example`,
    ],
    oversize: { at: ['padding'], sizes: [64 * KiB + 1, 64 * KiB + 100, MiB, 9 * MiB] },
    rules: () => [],
    path: pathFrom('/v1/sponsors/:sponsorId/members/:email'),
  },
  {
    name: 'frameworks',
    method: 'POST',
    pattern: F,
    base: () => draft(ADMIN, { sponsorId: ACME }, { framework: desk('4') as unknown as Json }),
    schema: PublishRequest,
    wrongCallers: [COACH, CONSULTANT, ANN_EMAIL, STRANGER, GLOBEX_ADMIN],
    otherSponsor: [{ sponsorId: GLOBEX }],
    // Its limit is 2 MiB, but the platform guard (generators.ts) keeps bodies of endpoints other than sync within
    // 256 KiB, so this size is never sent and the 2 MiB limit is not exercised here (a framework over one document,
    // a ~1.3 MB body, is a 413 in test/emulator/frameworks.test.ts).
    oversize: { at: ['padding'], sizes: [2 * MiB + 1] },
    rules: publishRules,
    path: pathFrom(F),
  },
  {
    name: 'migrations',
    method: 'POST',
    pattern: `${F}/:frameworkId/migrations`,
    base: () =>
      draft(ADMIN, { sponsorId: ACME, frameworkId: DESK }, { toVersion: '2', apprenticeIds: ['cat'], apply: true }),
    schema: MigrationRequest,
    wrongCallers: [COACH, CONSULTANT, ANN_EMAIL, STRANGER, GLOBEX_ADMIN, 'cat@apprentice.example'],
    // Globex's own framework (versions 1-3, like Acme's): not Acme's, under either sponsor's path.
    otherSponsor: [
      { sponsorId: GLOBEX },
      { frameworkId: GLOBEX_DESK },
      { sponsorId: GLOBEX, frameworkId: GLOBEX_DESK },
    ],
    // A shipped framework (no version 2), a framework Acme does not have, an id in another case.
    pathFaults: ['nitas-help-desk', 'no-such-framework', 'Robustness-desk', `${DESK}.`],
    oversize: { at: ['padding'], sizes: [64 * KiB + 1, 64 * KiB + 100, 200 * KiB] },
    rules: migrationRules,
    path: pathFrom(`${F}/:frameworkId/migrations`),
  },
  {
    name: 'raises',
    method: 'POST',
    pattern: `${A}/raises`,
    base: () =>
      draft(ADMIN, { sponsorId: ACME, apprenticeId: 'ann' }, { step: 2, effectiveDate: AS_OF, note: 'Annual review' }),
    schema: RaiseRequest,
    wrongCallers: [COACH, COACH2, CONSULTANT, ANN_EMAIL, STRANGER, GLOBEX_ADMIN],
    otherSponsor: [{ sponsorId: GLOBEX }, { apprenticeId: 'gus' }, { sponsorId: GLOBEX, apprenticeId: 'gus' }],
    // Bob's framework has no wage schedule at Acme (409); nobody is no apprentice (404).
    pathFaults: ['bob', 'nobody'],
    oversize: { at: ['padding'], sizes: [64 * KiB + 1, 64 * KiB + 100, 200 * KiB] },
    rules: raiseRules,
    path: pathFrom(`${A}/raises`),
  },
  confirmations,
];
