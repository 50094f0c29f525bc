// POST .../apprentices/:apprenticeId/confirmations, the endpoint that decides what counts, from the server's rules
// (functions/src/routes/confirmations.ts, functions/src/confirm/entries.ts):
// - a coach of the apprentice confirms sign-offs and hours rows, unless a row is typed as another person's;
// - an admin approves prior credit and records exam and certification results (ids the framework requires);
// - an admin with `attest` confirms any listed rows as history (claims are not checked);
// - every listed row must exist (synced) and be dated no later than today: otherwise 400, before anything is
//   written; a row already confirmed is listed as `already` and left as it is (200 when nothing else is listed).
// One valid base request per role (each must be accepted, 201), and the faults that must be refused.
import fc from 'fast-check';
import { ConfirmRequest } from '../../shared/src/api';
import {
  ACME,
  ADMIN,
  ANN_CERT,
  ANN_EMAIL,
  ANN_EXAM,
  ANN_HOURS,
  ANN_SIGNED,
  ANN_UNSIGNED,
  COACH,
  COACH2,
  CONSULTANT,
  GLOBEX,
  GLOBEX_ADMIN,
  OTHER_COACH_HOURS,
  OTHER_COACH_ITEM,
  SEED_CONFIRMED,
  STRANGER,
} from './cohort';
import { days, draft, type Endpoint, MiB, pathFrom, set, setting, type Weighted } from './drafts';
import { type Fault, fault } from './faults';
import { getAt, type Json, type Path, pathText, setOwn } from './json';

const PATTERN = '/v1/sponsors/:sponsorId/apprentices/:apprenticeId/confirmations';
const ANN = { sponsorId: ACME, apprenticeId: 'ann' };
const LISTS = ['signOffs', 'hours', 'priorCredit', 'exams', 'certifications'];
const proof = (id: string): Json => ({ id, evidence: `Score report for ${id}` });

/** Adds (or replaces) a top-level field of the body. */
const adding = (kind: string, key: string, value: Json): Fault =>
  fault(kind, 'rule', `${key} = ${JSON.stringify(value)}`, (d) => {
    const body = d.json.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
    setOwn(body, key, JSON.parse(JSON.stringify(value)) as Json);
    return true;
  });

/**
 * The body names only rows the seed confirmed: a valid request that confirms nothing. Its expectation is `no-op`
 * (a 200 that writes nothing, or a refusal), so it is checked like the bad ones without being counted as accepted.
 */
const alreadyConfirmed = (lists: Record<string, Json>): Fault => ({
  ...fault('already-confirmed', 'rule', `only rows the seed confirmed: ${JSON.stringify(lists)}`, (d) => {
    const body = d.json.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
    for (const k of LISTS) delete body[k];
    for (const [k, v] of Object.entries(lists)) setOwn(body, k, JSON.parse(JSON.stringify(v)) as Json);
    return true;
  }),
  noOp: true,
});

/** Rows of ann's that were never synced, or ids nothing has: 400 (`sync the sheet first`). */
function unknownRows(paths: Path[]): Weighted {
  const values = ['nope', 'no-such-row', ANN_UNSIGNED[0]!, ANN_UNSIGNED[5]!, 'HD9.9.9', 'pc-9', 'x'.repeat(1_500)];
  return {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom(...paths), fc.constantFrom(...values))
      .map(([p, v]) =>
        fault('unknown-row', 'rule', `${pathText(p)} = ${v.length > 40 ? `<x ${v.length}>` : v}`, (d) => set(d, p, v)),
      ),
  };
}

const common = {
  name: 'confirmations',
  method: 'POST' as const,
  pattern: PATTERN,
  schema: ConfirmRequest,
  otherSponsor: [{ sponsorId: GLOBEX }, { apprenticeId: 'gus' }, { sponsorId: GLOBEX, apprenticeId: 'gus' }] as Record<
    string,
    string
  >[],
  // Bob is coached by coach2: coach gets a 403, an admin a 400 (none of ann's rows is his). `nobody` is no apprentice.
  pathFaults: ['bob', 'nobody'],
  // Its limit is 1 MiB, past the platform guard's 256 KiB for small-body endpoints (generators.ts): not sent.
  oversize: { at: ['padding'] as Path, sizes: [MiB + 1] },
  path: pathFrom(PATTERN),
};
const OUTSIDERS = [CONSULTANT, ANN_EMAIL, STRANGER, GLOBEX_ADMIN];

/** Ann's coach confirms two of her sign-offs and two of her hours rows. */
const coach: Endpoint = {
  ...common,
  variant: 'coach',
  base: () => draft(COACH, ANN, { signOffs: ANN_SIGNED.slice(1, 3), hours: ANN_HOURS.slice(1, 3) }),
  // An admin may not confirm a coach's rows without attesting; coach2 is not ann's coach.
  wrongCallers: [ADMIN, COACH2, ...OUTSIDERS],
  rules: () => [
    unknownRows([
      ['signOffs', 0],
      ['signOffs', 1],
      ['hours', 0],
    ]),
    { weight: 3, arbitrary: setting('another-coachs-row', ['signOffs', 0], [OTHER_COACH_ITEM]) },
    { weight: 3, arbitrary: setting('another-coachs-row', ['hours', 1], [OTHER_COACH_HOURS]) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        adding('wrong-role-for-entry', 'priorCredit', ['pc-1']),
        adding('wrong-role-for-entry', 'exams', [proof(ANN_EXAM)]),
        adding('wrong-role-for-entry', 'certifications', [proof(ANN_CERT)]),
      ),
    },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        adding('coach-attesting', 'attest', { reason: 'I remember it' }),
        adding('coach-attesting', 'attest', { reason: 'From the old log', evidence: 'Log book p. 4' }),
      ),
    },
    { weight: 2, arbitrary: fc.constant(alreadyConfirmed(SEED_CONFIRMED.coach)) },
  ],
};

/** An admin approves prior credit and records ann's exam and a certification, with proof. */
const adminResults: Endpoint = {
  ...common,
  variant: 'admin results',
  base: () => draft(ADMIN, ANN, { priorCredit: ['pc-1'], exams: [proof(ANN_EXAM)], certifications: [proof(ANN_CERT)] }),
  wrongCallers: [COACH, COACH2, ...OUTSIDERS],
  rules: () => [
    unknownRows([['priorCredit', 0]]),
    {
      weight: 3,
      arbitrary: setting(
        'not-required',
        ['exams', 0, 'id'],
        ['no-such-exam', 'L9-all-required-course-exams', ANN_CERT, 'pc-1'],
      ),
    },
    {
      weight: 3,
      arbitrary: setting('not-required', ['certifications', 0, 'id'], ['no-such-cert', ANN_EXAM, 'comptia-a-plus ']),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom<Path>(['exams', 0, 'date'], ['certifications', 0, 'date']), fc.constantFrom(2, 40))
        .map(([p, n]) =>
          fault('future-date', 'rule', `${pathText(p)} = in ${n} days`, (d) => {
            const parent = getAt(d.json.body, p.slice(0, -1));
            if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) return false;
            setOwn(parent, 'date', days(n));
            return true;
          }),
        ),
    },
    // A coach's rows, confirmed by an admin who does not attest: the wrong role for the entry.
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        adding('wrong-role-for-entry', 'signOffs', [ANN_SIGNED[1]!]),
        adding('wrong-role-for-entry', 'hours', [ANN_HOURS[1]!]),
      ),
    },
    { weight: 2, arbitrary: fc.constant(alreadyConfirmed(SEED_CONFIRMED.admin)) },
  ],
};

/** An admin attests a sign-off and an hours row as history from before the sponsor used Qualcard. */
const adminAttest: Endpoint = {
  ...common,
  variant: 'admin attest',
  base: () =>
    draft(ADMIN, ANN, {
      signOffs: [ANN_SIGNED[3]!],
      hours: [ANN_HOURS[3]!],
      attest: { reason: 'Signed on paper before Qualcard', evidence: 'Binder 2, page 7' },
    }),
  // A coach attesting (403), and everyone else who may not.
  wrongCallers: [COACH, COACH2, ...OUTSIDERS],
  rules: () => [
    unknownRows([
      ['signOffs', 0],
      ['hours', 0],
    ]),
    { weight: 2, arbitrary: fc.constant(alreadyConfirmed({ ...SEED_CONFIRMED.coach })) },
  ],
};

export const confirmations: Endpoint = { ...coach, variants: [adminResults, adminAttest] };

/** For reports and tests: the three bases, by the role that may send them. */
export const CONFIRMATION_BASES: Endpoint[] = [coach, adminResults, adminAttest];
