// The learner record (CLR 2.0) route against the real emulators: the sponsor's admin and the apprentice themselves
// download it, another apprentice, a coach and a consultant are refused; it holds the level credential as issued,
// each counted competency and the levels, is signed, fits the schemas, and the latest is stored.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApprenticeRecordInput } from '@qualcard/shared';
import * as api from '@qualcard/shared/api/routes';
import Ajv from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { mintIdToken } from '../../scripts/emulator-key';
import { verifyDataIntegrity } from '../../shared/src/credentials/data-integrity';
import { IssuerDocument } from '../../shared/src/credentials/issuer-document';
import { main } from '../../tools/cli/main';
import {
  ADMIN,
  acme,
  apprenticeEmail,
  COACH,
  CONSULTANT,
  call,
  db,
  record,
  scenario,
  framework as shipped,
  syncAs,
} from './kit';
import { apiUrl } from './kit/env';

const FW = 'customer-technical-support';
const LEVEL = 'AITS';
const ACME = { sponsorId: 'acme' };
const ANN = { ...ACME, apprenticeId: 'ann' };
const today = () => new Date().toISOString().slice(0, 10);
const core = shipped(FW)
  .workFunctions.flatMap((wf) => wf.items)
  .filter((i) => i.core === 'core' && i.levels.includes(LEVEL))
  .map((i) => i.id);
const apprentice = (id: string, signed: number): ApprenticeRecordInput =>
  record({ id, frameworkId: FW, levelId: LEVEL, coach: COACH, startDate: '2025-09-01', stage: { signed } });
const fixture = (p: string) => JSON.parse(readFileSync(join(__dirname, '../fixtures', p), 'utf8'));

type Clr = {
  id: string;
  type: string[];
  proof: unknown;
  credentialSubject: {
    achievement: { id: string; achievementType: string; humanCode?: string }[];
    verifiableCredential: ({ id: string } & Record<string, unknown>)[];
    association: { sourceId: string; targetId: string }[];
  };
};
const learnerRecord = (as: string, params = ANN) => call(api.learnerRecord, { as, params });

beforeAll(async () => {
  await scenario(acme({ coaches: [COACH], consultants: [CONSULTANT] }));
  expect((await syncAs(ADMIN, [apprentice('ann', core.length), apprentice('bob', 2)], { asOf: today() })).status).toBe(
    200,
  );
  const confirmed = await call(api.confirmations, { as: COACH, params: ANN, body: { signOffs: core } });
  expect(confirmed.status).toBe(201);
}, 60_000);

test('the admin and the apprentice themselves get it; another apprentice, a coach, a consultant do not', async () => {
  const admin = await learnerRecord(ADMIN);
  expect(admin.status).toBe(200);
  expect(admin.headers.get('content-type')).toMatch(/^application\/ld\+json/);
  expect(admin.headers.get('content-disposition')).toMatch(
    /attachment; filename="learner-record-ann-\d{4}-\d\d-\d\d\.json"/,
  );
  expect((await learnerRecord(apprenticeEmail('ann'))).status).toBe(200);
  for (const other of [apprenticeEmail('bob'), COACH, CONSULTANT]) {
    const refused = await learnerRecord(other);
    expect([other, refused.status]).toEqual([other, 403]);
  }
  // Bob's own is his to get.
  expect((await learnerRecord(apprenticeEmail('bob'), { ...ACME, apprenticeId: 'bob' })).status).toBe(200);
});

test('it holds the levels, the counted competencies and the level credential as issued, signed; the latest is stored', async () => {
  const res = await learnerRecord(apprenticeEmail('ann'));
  const clr = res.body as unknown as Clr;
  expect(clr.type).toEqual(['VerifiableCredential', 'ClrCredential']);
  const s = clr.credentialSubject;
  const types = s.achievement.map((a) => a.achievementType);
  expect(types.filter((t) => t === 'ApprenticeshipCertificate')).toHaveLength(shipped(FW).levels.length);
  expect(s.achievement.filter((a) => a.achievementType === 'Competency').map((a) => a.humanCode)).toEqual(core);
  const [issued] = (await call(api.listCredentials, { as: ADMIN, params: ANN })).body.credentials;
  const level = s.verifiableCredential.find((c) => c.id === issued!.id)!;
  expect(level).toBeDefined();
  const asIssued = await call(api.getCredential, { as: ADMIN, params: { ...ANN, credentialId: issued!.credentialId } });
  expect(level).toEqual(asIssued.body.credential);
  const levelAchievement = s.achievement.find((a) => a.humanCode === `${FW} ${LEVEL}`)!.id;
  expect(s.association.filter((a) => a.sourceId === levelAchievement)).toHaveLength(core.length);
  expect(res.bytes.toString('utf8')).not.toContain(apprenticeEmail('ann'));

  const issuer = IssuerDocument.parse((await call(api.issuerProfile, { params: ACME })).body);
  await expect(verifyDataIntegrity(clr as unknown as Record<string, unknown>, issuer)).resolves.toBeDefined();
  await expect(verifyDataIntegrity(level, issuer)).resolves.toBeDefined();

  const stored = await db().doc('sponsors/acme/learnerRecords/ann').get();
  expect(stored.get('id')).toBe(clr.id);
  expect(stored.get('bytes')).toBe(res.bytes.length);
});

test('it fits the CLR 2.0 schema (ClrSubject) and every credential in it the OB 3.0 schema', async () => {
  const clr = (await learnerRecord(ADMIN)).body as unknown as Clr;
  const { $schema: _s, ...schema } = fixture('clr-v2p0/clr_v2p0_clrcredential_schema_draft4.json');
  schema.$defs.VerifiableCredential = { type: 'object' };
  const subject = addFormats(new Ajv({ strict: false, allErrors: true }))
    .addSchema(schema)
    .compile({ $ref: `${schema.$id}#/$defs/ClrSubject` });
  subject(clr.credentialSubject);
  expect(subject.errors ?? []).toEqual([]);
  const ob = addFormats(new Ajv2019({ strict: false, allErrors: true })).compile(
    fixture('1edtech-ob-v3p0/achievementcredential.json'),
  );
  for (const c of clr.credentialSubject.verifiableCredential) {
    ob(c);
    expect([c.id, ob.errors ?? []]).toEqual([c.id, []]);
  }
});

test('qualcard clr saves it for the apprentice; another apprentice is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'qualcard-clr-'));
  const run = async (email: string, ...argv: string[]) => {
    let out = '';
    let err = '';
    const env = { QUALCARD_API: apiUrl(), QUALCARD_ID_TOKEN: mintIdToken({ email }) };
    const code = await main(
      argv,
      (t) => {
        out += `${t}\n`;
      },
      (t) => {
        err += `${t}\n`;
      },
      env,
    );
    return { code, out, err };
  };
  const target = join(dir, 'ann.json');
  const ok = await run(apprenticeEmail('ann'), 'clr', 'acme', 'ann', '--out', target);
  expect(ok.err).toBe('');
  expect(ok.code).toBe(0);
  expect(ok.out).toMatch(
    new RegExp(
      `^learner record of ann: 1 LearningProgram, ${shipped(FW).levels.length} ApprenticeshipCertificate, ${core.length} Competency; ${core.length + 2} signed credential\\(s\\); \\d+ bytes -> ${target}`,
    ),
  );
  expect(JSON.parse(readFileSync(target, 'utf8')).type).toEqual(['VerifiableCredential', 'ClrCredential']);
  const refused = await run(apprenticeEmail('bob'), 'clr', 'acme', 'ann', '--out', join(dir, 'x.json'));
  expect(refused.code).toBe(1);
  expect(refused.err).toMatch(/403/);
});

test('qualcard verify on a record: valid, until a level inside is revoked; a record issued after leaves it out', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'qualcard-clr-v-'));
  const before = join(dir, 'before.json');
  writeFileSync(before, JSON.stringify((await learnerRecord(ADMIN)).body));
  const issuer = join(dir, 'issuer.json');
  writeFileSync(issuer, JSON.stringify((await call(api.issuerProfile, { params: ACME })).body));
  const verify = async (path: string) => {
    let out = '';
    let err = '';
    const code = await main(
      ['verify', path, '--issuer', issuer],
      (t) => {
        out += `${t}\n`;
      },
      (t) => {
        err += `${t}\n`;
      },
    );
    return { code, out, err };
  };
  const ok = await verify(before);
  expect(ok.err).toBe('');
  expect(ok.code).toBe(0);
  expect(ok.out).toMatch(/: not revoked \(bit \d+ of /);

  const [issued] = (await call(api.listCredentials, { as: ADMIN, params: ANN })).body.credentials;
  const revoked = await call(api.revokeCredential, {
    as: ADMIN,
    params: { ...ANN, credentialId: issued!.credentialId },
    body: { reason: 'entries withdrawn' },
  });
  expect(revoked.status).toBe(200);
  const stale = await verify(before);
  expect(stale.code).toBe(1);
  expect(stale.err).toMatch(/^REVOKED by the issuer \(bit \d+ of .*\): the level credential .* inside the record/);
  const after = (await learnerRecord(ADMIN)).body as unknown as Clr;
  expect(after.credentialSubject.verifiableCredential.map((c) => c.id)).not.toContain(issued!.id);
});
