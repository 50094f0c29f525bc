// The bad-input suite's own generators (test/robustness/), checked without the emulators: every request they make
// must be one the API has to refuse (or, for `no-op` requests, one that must change nothing), and none may be one
// the suite's platform guards say takes the Functions emulator down.
import fc from 'fast-check';
import { ConfirmRequest, SyncRequest } from '../../shared/src/api';
import { ACME, ADMIN, ANN_HOURS, ANN_SIGNED, COACH2, CONSULTANT, SEED_CONFIRMED } from '../robustness/cohort';
import { CONFIRMATION_BASES } from '../robustness/confirmations';
import { ENDPOINTS, type Endpoint, smuggledConfirmations } from '../robustness/endpoints';
import {
  type BadRequest,
  badRequests,
  build,
  EARLY_ANSWER,
  EARLY_ANSWER_MAX_BYTES,
  MAX_BODY_CHARS,
  NO_TYPE_MAX_BYTES,
  PARSER_ANSWER_MAX_BYTES,
} from '../robustness/generators';
import { wroteOnRejection } from '../robustness/report';
import { judge, PROXY_ERROR, type Result } from '../robustness/runner';

const sample = (e: Endpoint, n: number, seed: number): BadRequest[] => fc.sample(badRequests(e), { numRuns: n, seed });
const endpoint = (name: string) => ENDPOINTS.find((e) => e.name === name)!;
const ACCESS = new Set(['path-id', 'other-sponsor', 'wrong-caller']);

/** The platform guard each request breaks, if any (generators.ts, "Platform guard"). */
function guardBroken(e: Endpoint, r: BadRequest): string | undefined {
  const bytes = Buffer.byteLength(r.body);
  if (r.contentType === null && bytes > NO_TYPE_MAX_BYTES) return 'no Content-Type, body over 512 bytes';
  if (r.body.length > MAX_BODY_CHARS) return 'body over 16 Mi characters';
  if (bytes > EARLY_ANSWER_MAX_BYTES && r.faults.some((f) => EARLY_ANSWER.test(f.kind)))
    return 'refused before the body is read, body over 256 KiB';
  if (e.name !== 'sync' && bytes > EARLY_ANSWER_MAX_BYTES) return 'small-limit endpoint, body over 256 KiB';
  if (bytes > PARSER_ANSWER_MAX_BYTES && /json/i.test(r.contentType ?? '')) {
    try {
      JSON.parse(r.body.toString());
    } catch {
      return 'invalid JSON over 16 KiB';
    }
  }
  return undefined;
}

test.each(ENDPOINTS.map((e) => [e.name, e] as const))('%s: no request breaks a platform guard', (_name, e) => {
  const broken = sample(e, 150, 17)
    .map((r) => [guardBroken(e, r), r.faults.map((f) => f.kind).join(' + ')])
    .filter(([why]) => why);
  expect(broken).toEqual([]);
});

test("transcripts: no request is acme's admin (or bob's coach) exporting bob's transcript with only access faults", () => {
  // The cut run's 5 "accepted" exports: a bad path value that named acme's own bob, a valid request.
  const valid = sample(endpoint('transcripts'), 1500, 20261124).filter(
    (r) =>
      r.path === `/v1/sponsors/${ACME}/apprentices/bob/transcripts` &&
      [ADMIN, COACH2, CONSULTANT].includes(r.caller) &&
      r.faults.every((f) => ACCESS.has(f.kind)),
  );
  expect(valid.map((r) => r.faults)).toEqual([]);
});

test('confirmations: one valid base per role, each accepted by the schema, and drawn evenly', () => {
  expect(CONFIRMATION_BASES.map((e) => [e.variant, e.base().caller])).toEqual([
    ['coach', 'coach@acme.example'],
    ['admin results', ADMIN],
    ['admin attest', ADMIN],
  ]);
  for (const e of CONFIRMATION_BASES) expect(ConfirmRequest.safeParse(e.base().json.body).success).toBe(true);
  const counts = new Map<string, number>();
  for (const r of sample(endpoint('confirmations'), 450, 3))
    counts.set(r.variant ?? '?', (counts.get(r.variant ?? '?') ?? 0) + 1);
  expect([...counts.keys()].sort()).toEqual(['admin attest', 'admin results', 'coach']);
  for (const n of counts.values()) expect(n).toBeGreaterThan(100);
});

test("confirmations: rows the seed confirmed are ann's first sign-off and hours row, not a base's rows", () => {
  expect(SEED_CONFIRMED.coach).toEqual({ signOffs: [ANN_SIGNED[0]], hours: [ANN_HOURS[0]] });
  for (const e of CONFIRMATION_BASES) {
    const body = e.base().json.body as { signOffs?: string[]; hours?: string[]; priorCredit?: string[] };
    expect(body.signOffs ?? []).not.toContain(ANN_SIGNED[0]);
    expect(body.hours ?? []).not.toContain(ANN_HOURS[0]);
    expect(body.priorCredit ?? []).not.toContain('pc-2');
  }
});

test('confirmations: a request naming only confirmed rows expects a no-op; no other is marked so', () => {
  const rs = sample(endpoint('confirmations'), 600, 9);
  const noOps = rs.filter((r) => r.expect === 'no-op');
  expect(noOps.length).toBeGreaterThan(10);
  for (const r of noOps) expect(r.faults.map((f) => f.kind)).toContain('already-confirmed');
  for (const r of rs.filter((x) => x.expect !== 'no-op'))
    expect(r.faults.map((f) => f.kind)).not.toContain('already-confirmed');
});

test('sync: every smuggled confirmation is sent, and refused by the sync schema itself', () => {
  const sync = endpoint('sync');
  const requests = smuggledConfirmations().map((f) => build(sync, [f]));
  expect(requests.length).toBe(7);
  for (const r of requests) {
    expect(r).toBeDefined();
    expect(SyncRequest.safeParse(JSON.parse(r!.body.toString())).success).toBe(false);
  }
  // The base without it is valid: the refusal is the smuggled field's.
  expect(SyncRequest.safeParse(sync.base().json.body).success).toBe(true);
});

const answer = (status: number, body: string, requestId?: string) => ({
  status,
  headers: {
    'content-type': 'application/json',
    ...(requestId ? { 'x-request-id': requestId } : {}),
  } as Record<string, string>,
  body: Buffer.from(body),
  ms: 5,
  hung: false,
});

test("the emulator proxy's own EPIPE answer is recognised (sent again, not blamed on the API at once)", () => {
  const epipe = '{"errno":-32,"code":"EPIPE","syscall":"write"}';
  expect(PROXY_ERROR.test(epipe)).toBe(true);
  expect(PROXY_ERROR.test('{"error":{"status":500,"code":"internal","message":"x"}}')).toBe(false);
  expect(judge(answer(500, epipe)).verdict).toBe('5xx');
});

test('a no-op request is ok when answered 200, accepted when 201, and a write by it is a write on rejection', () => {
  expect(judge(answer(200, '{}', 'r1'), 'no-op').verdict).toBe('ok');
  expect(judge(answer(201, '{}', 'r1'), 'no-op').verdict).toBe('accepted');
  expect(judge(answer(200, '{}', 'r1')).verdict).toBe('accepted');
  const request = { expect: 'no-op' } as BadRequest;
  const r = { request, status: 200, verdict: 'ok', wrote: ['~sponsors/acme/apprentices/ann'] } as Result;
  expect(wroteOnRejection(r)).toBe(true);
  expect(wroteOnRejection({ ...r, request: {} as BadRequest })).toBe(false);
});
