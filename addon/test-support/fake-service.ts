// An in-memory stand-in for the Qualcard functions' sync, sign-off and confirmations routes, for the add-on's unit
// tests against the fake Apps Script services: the same shared rules the functions use (merge, engine, summary, row
// confirmations), the caller taken from the ID token's email. The real routes are tested through the add-on's
// requests on the emulators (test/emulator/addon-confirm.test.ts); this is not a substitute for that.

import {
  type ApprenticeRecord,
  type Confirmation,
  computeProgress,
  type Framework,
  mergeSheetRecord,
  type Programs,
  rowConfirmations,
  type SheetRecord,
  summarizeProgress,
} from '../../shared/src';
import * as routes from '../../shared/src/api/routes';
import type { FetchCall, FetchHandler } from './fake-apps-script';

export interface FakeService {
  handler: FetchHandler;
  records: Map<string, ApprenticeRecord>;
  admins: Set<string>;
  /** The sponsor's programs, as an admin's sync stored them (a coach's is ignored). */
  programs: Programs;
  /** The service's clock: its "today" (UTC) dates confirmations. */
  today: string;
}

const json = (status: number, body: unknown) => ({ status, body: JSON.stringify(body) });
const fail = (status: number, message: string) => json(status, { error: { status, code: 'error', message } });
const caller = (call: FetchCall): string => {
  const token = String((call.params.headers as Record<string, string>).Authorization).replace('Bearer ', '');
  return (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { email: string }).email;
};

export function fakeService(frameworks: Framework[], opts: { admins?: string[]; today?: string } = {}): FakeService {
  const service: FakeService = {
    records: new Map(),
    admins: new Set(opts.admins ?? []),
    programs: {},
    today: opts.today ?? new Date().toISOString().slice(0, 10),
    handler: (call) => {
      const me = caller(call);
      if (call.url.endsWith(routes.me.path))
        return json(200, { email: me, sponsors: { acme: { role: service.admins.has(me) ? 'admin' : 'coach' } } });
      const body = JSON.parse(String(call.params.payload ?? '{}'));
      const m = /\/v1\/sponsors\/[^/]+\/(?:(sync)|apprentices\/([^/]+)\/(sign-offs|confirmations))$/.exec(call.url);
      if (!m) return fail(404, `fake service: no route ${call.url}`);
      if (m[1]) return sync(service, frameworks, me, body);
      const record = service.records.get(decodeURIComponent(m[2]!));
      if (!record) return fail(404, 'no such apprentice');
      return m[3] === 'sign-offs'
        ? signOff(service, frameworks, me, record, body)
        : confirm(service, frameworks, me, record, body);
    },
  };
  return service;
}

function answer(service: FakeService, frameworks: Framework[], record: ApprenticeRecord, asOf = service.today) {
  const framework = frameworks.find((f) => f.id === record.apprentice.frameworkId)!;
  return {
    apprenticeId: record.apprentice.id,
    progress: summarizeProgress(computeProgress(framework, record, asOf, service.programs[framework.id])),
    confirmations: rowConfirmations(record),
  };
}

function sync(
  service: FakeService,
  frameworks: Framework[],
  me: string,
  body: { asOf?: string; programs?: Programs; records: SheetRecord[] },
) {
  const admin = service.admins.has(me);
  if (admin && body.programs) service.programs = { ...service.programs, ...body.programs };
  for (const r of body.records) {
    const stored = service.records.get(r.apprentice.id);
    if (
      !admin &&
      (!stored?.apprentice.coachEmails.includes(me) ||
        JSON.stringify(stored.apprentice) !== JSON.stringify(r.apprentice))
    )
      return fail(403, `records: coach ${me} may sync only their own apprentices, unchanged`);
  }
  const apprentices = body.records.map((r) => {
    const merged = mergeSheetRecord(r, service.records.get(r.apprentice.id));
    service.records.set(r.apprentice.id, merged);
    return answer(service, frameworks, merged, body.asOf);
  });
  return json(200, {
    sponsorId: 'acme',
    asOf: body.asOf ?? service.today,
    timeZone: 'Etc/UTC',
    replayed: false,
    apprentices,
  });
}

const confirmation = (service: FakeService, me: string, role: 'coach' | 'admin', evidence?: string): Confirmation => ({
  kind: 'confirmed',
  by: me,
  role,
  at: `${service.today}T12:00:00.000Z`,
  date: service.today,
  ...(evidence ? { evidence } : {}),
});

function signOff(
  service: FakeService,
  frameworks: Framework[],
  me: string,
  record: ApprenticeRecord,
  body: { itemIds: string[] },
) {
  if (!record.apprentice.coachEmails.includes(me))
    return fail(403, `${me} is not a coach of apprentice ${record.apprentice.id}`);
  const signed: string[] = [];
  const already: string[] = [];
  for (const itemId of body.itemIds) {
    const i = record.signOffs.findIndex((s) => s.itemId === itemId);
    if (i >= 0 && record.signOffs[i]!.confirmation) already.push(itemId);
    else {
      const entry = { itemId, date: service.today, coachEmail: me, confirmation: confirmation(service, me, 'coach') };
      if (i >= 0) record.signOffs[i] = entry;
      else record.signOffs.push(entry);
      signed.push(itemId);
    }
  }
  const a = answer(service, frameworks, record);
  return json(201, {
    ...a,
    signed,
    alreadySigned: already,
    coachEmail: me,
    signedAt: `${service.today}T12:00:00.000Z`,
    date: service.today,
  });
}

type Lists = Record<'signOffs' | 'hours' | 'priorCredit' | 'exams' | 'certifications', string[]>;
const lists = (): Lists => ({ signOffs: [], hours: [], priorCredit: [], exams: [], certifications: [] });
type Out = { confirmed: Lists; already: Lists };

function confirm(
  service: FakeService,
  frameworks: Framework[],
  me: string,
  record: ApprenticeRecord,
  body: Record<string, unknown>,
) {
  const out: Out = { confirmed: lists(), already: lists() };
  if ((body.signOffs || body.hours) && !record.apprentice.coachEmails.includes(me))
    return fail(403, `${me} is not a coach of apprentice ${record.apprentice.id}`);
  if ((body.priorCredit || body.exams || body.certifications) && !service.admins.has(me))
    return fail(403, `approving prior credit and recording results needs role admin; ${me} is coach`);
  const refused = confirmTyped(service, me, record, body, out) ?? confirmResults(service, me, record, body, out);
  return refused ?? json(201, { ...answer(service, frameworks, record), ...out });
}

/** Sign-offs, hours and prior credit the sheet typed: confirmed as they are, by the caller. */
function confirmTyped(
  service: FakeService,
  me: string,
  record: ApprenticeRecord,
  body: Record<string, unknown>,
  out: Out,
) {
  const kinds = [
    ['signOffs', record.signOffs, (x: { itemId: string }) => x.itemId, 'coachEmail', 'coach'],
    ['hours', record.hours, (x: { id?: string }) => x.id, 'verifiedBy', 'coach'],
    ['priorCredit', record.priorCredit, (x: { id?: string }) => x.id, 'approvedBy', 'admin'],
  ] as const;
  for (const [list, entries, key, claim, role] of kinds) {
    for (const [i, id] of ((body[list] as string[]) ?? []).entries()) {
      const e = (entries as Record<string, unknown>[]).find((x) => (key as (x: unknown) => unknown)(x) === id);
      if (!e) return fail(400, `${list}.${i}: no entry "${id}" in the synced record; sync the sheet first`);
      if (e.confirmation) out.already[list].push(id);
      else if (e[claim] && e[claim] !== me) return fail(403, `${list}.${i}: typed as by ${e[claim]}`);
      else {
        Object.assign(e, { [claim]: me, confirmation: confirmation(service, me, role) });
        out.confirmed[list].push(id);
      }
    }
  }
  return undefined;
}

/** Exam and certification results an admin records with their proof. */
function confirmResults(
  service: FakeService,
  me: string,
  record: ApprenticeRecord,
  body: Record<string, unknown>,
  out: Out,
) {
  for (const list of ['exams', 'certifications'] as const) {
    for (const p of (body[list] as { id: string; date?: string; evidence: string }[]) ?? []) {
      const entries = record[list] as { id: string; confirmation?: unknown }[];
      const i = entries.findIndex((e) => e.id === p.id);
      if (i >= 0 && entries[i]!.confirmation) {
        out.already[list].push(p.id);
        continue;
      }
      const entry = {
        id: p.id,
        ...(list === 'exams' ? { passed: true } : {}),
        ...(p.date ? { date: p.date } : {}),
        confirmation: confirmation(service, me, 'admin', p.evidence),
      };
      if (i >= 0) entries[i] = entry;
      else entries.push(entry);
      out.confirmed[list].push(p.id);
    }
  }
  return undefined;
}
