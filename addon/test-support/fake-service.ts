// An in-memory stand-in for the Qualcard functions' sync, sign-off and confirmations routes, for the add-on's unit
// tests against the fake Apps Script services: the same shared rules the functions use (merge, engine, summary, row
// confirmations), the caller taken from the ID token's email; bodies parsed and answers checked by the contract
// (fake-routes.ts). The real routes are tested through the add-on's requests on the emulators
// (test/emulator/addon-confirm.test.ts); this is not a substitute for that.

import {
  type ApprenticeRecord,
  type Confirmation,
  computeProgress,
  type Framework,
  mergeSheetRecord,
  type Programs,
  rowConfirmations,
  summarizeProgress,
} from '../../shared/src';
import type { ParsedBodyOf, SentAnswerOf } from '../../shared/src/api/route';
import * as api from '../../shared/src/api/routes';
import type { FetchCall, FetchHandler } from './fake-apps-script';
import { answer, bodyOf, type FakeReply, paramsIf, refusal } from './fake-routes';

export interface FakeService {
  handler: FetchHandler;
  records: Map<string, ApprenticeRecord>;
  admins: Set<string>;
  /** The sponsor's programs, as an admin's sync stored them (a coach's is ignored). */
  programs: Programs;
  /** The service's clock: its "today" (UTC) dates confirmations. */
  today: string;
}

const fail = (status: number, message: string) => refusal(status, message);
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
    handler: (call) => route(service, frameworks, call),
  };
  return service;
}

function route(service: FakeService, frameworks: Framework[], call: FetchCall): FakeReply {
  const me = caller(call);
  if (paramsIf(api.me, call))
    return answer(api.me, 200, { email: me, sponsors: { acme: { role: service.admins.has(me) ? 'admin' : 'coach' } } });
  if (paramsIf(api.listMembers, call)) {
    if (!service.admins.has(me)) return fail(403, `listing members needs role admin; ${me} is coach`);
    return answer(api.listMembers, 200, {
      sponsorId: 'acme',
      members: [...service.admins].map((email) => ({ email, role: 'admin' as const })),
    });
  }
  if (paramsIf(api.sync, call)) {
    const parsed = bodyOf(api.sync, call);
    return 'refused' in parsed ? parsed.refused : sync(service, frameworks, me, parsed.body);
  }
  for (const r of [api.signOffs, api.confirmations] as const) {
    const params = paramsIf(r, call);
    if (!params) continue;
    const record = service.records.get(params.apprenticeId);
    if (!record) return fail(404, 'no such apprentice');
    if (r === api.signOffs) {
      const parsed = bodyOf(api.signOffs, call);
      return 'refused' in parsed ? parsed.refused : signOff(service, frameworks, me, record, parsed.body);
    }
    const parsed = bodyOf(api.confirmations, call);
    return 'refused' in parsed ? parsed.refused : confirm(service, frameworks, me, record, parsed.body);
  }
  return fail(404, `fake service: no route ${call.url}`);
}

const NONE = { created: 0, updated: 0, deleted: 0 };
const NO_CHANGES = { profile: false, signOffs: NONE, hours: NONE };

function progressOf(service: FakeService, frameworks: Framework[], record: ApprenticeRecord, asOf = service.today) {
  const framework = frameworks.find((f) => f.id === record.apprentice.frameworkId)!;
  return {
    apprenticeId: record.apprentice.id,
    progress: summarizeProgress(computeProgress(framework, record, asOf, service.programs[framework.id])),
    confirmations: rowConfirmations(record),
  };
}

function sync(service: FakeService, frameworks: Framework[], me: string, body: ParsedBodyOf<typeof api.sync>) {
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
    // The fake does not count row changes: it says none (the add-on does not read them).
    return { ...progressOf(service, frameworks, merged, body.asOf), changes: NO_CHANGES };
  });
  return answer(api.sync, 200, {
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
  body: ParsedBodyOf<typeof api.signOffs>,
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
  const sent: SentAnswerOf<typeof api.signOffs> = {
    ...progressOf(service, frameworks, record),
    signed,
    alreadySigned: already,
    coachEmail: me,
    signedAt: `${service.today}T12:00:00.000Z`,
    date: service.today,
  };
  return answer(api.signOffs, 201, sent);
}

type Lists = Record<'signOffs' | 'hours' | 'priorCredit' | 'exams' | 'certifications', string[]>;
const lists = (): Lists => ({ signOffs: [], hours: [], priorCredit: [], exams: [], certifications: [] });
type Out = { confirmed: Lists; already: Lists };
type ConfirmBody = ParsedBodyOf<typeof api.confirmations>;

function confirm(
  service: FakeService,
  frameworks: Framework[],
  me: string,
  record: ApprenticeRecord,
  body: ConfirmBody,
) {
  const out: Out = { confirmed: lists(), already: lists() };
  if ((body.signOffs || body.hours) && !record.apprentice.coachEmails.includes(me))
    return fail(403, `${me} is not a coach of apprentice ${record.apprentice.id}`);
  if ((body.priorCredit || body.exams || body.certifications) && !service.admins.has(me))
    return fail(403, `approving prior credit and recording results needs role admin; ${me} is coach`);
  const refused = confirmTyped(service, me, record, body, out) ?? confirmResults(service, me, record, body, out);
  return refused ?? answer(api.confirmations, 201, { ...progressOf(service, frameworks, record), ...out });
}

/** Sign-offs, hours and prior credit the sheet typed: confirmed as they are, by the caller. */
function confirmTyped(service: FakeService, me: string, record: ApprenticeRecord, body: ConfirmBody, out: Out) {
  const kinds = [
    ['signOffs', record.signOffs, (x: { itemId: string }) => x.itemId, 'coachEmail', 'coach'],
    ['hours', record.hours, (x: { id?: string }) => x.id, 'verifiedBy', 'coach'],
    ['priorCredit', record.priorCredit, (x: { id?: string }) => x.id, 'approvedBy', 'admin'],
  ] as const;
  for (const [list, entries, key, claim, role] of kinds) {
    for (const [i, id] of (body[list] ?? []).entries()) {
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
function confirmResults(service: FakeService, me: string, record: ApprenticeRecord, body: ConfirmBody, out: Out) {
  for (const list of ['exams', 'certifications'] as const) {
    for (const p of body[list] ?? []) {
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
