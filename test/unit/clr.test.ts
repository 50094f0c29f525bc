// The learner record (CLR 2.0, shared/src/credentials/clr.ts) for the demo's most advanced apprentice (Ben: level 1
// complete, level 2 under way): what it holds is the engine's answer, every part is signed and verifies, and it fits
// the schemas that could be had (test/fixtures/clr-v2p0/README.md says which and how far).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import Ajv from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { apprenticeRecord, confirmedRecord, DEMO_PLANS } from '../../scripts/demo-cohort';
import {
  ApprenticeRecord,
  computeProgress,
  countedEntries,
  type Framework,
  getFramework,
  HOURS_CATEGORY_LABEL,
} from '../../shared/src';
import { earnsCredential, levelCredential } from '../../shared/src/credentials/build';
import { type ClrInput, clrCredential, clrParts, type SignedCredential } from '../../shared/src/credentials/clr';
import { addProof, verifyDataIntegrity } from '../../shared/src/credentials/data-integrity';
import { issuerDocument, keyId } from '../../shared/src/credentials/issuer-document';
import { statusEntry } from '../../shared/src/credentials/status-list';
import { issuerUrls } from '../../shared/src/credentials/vocabulary';
import { cliRunner } from '../fixtures/cli-run';

const BASE = 'https://functions.example/api';
const SID = 'northwind';
const TODAY = '2026-12-07';
const AT = '2026-12-01T15:00:00.000Z';
const urls = issuerUrls(BASE, SID);
const ben = DEMO_PLANS.find((p) => p.id === 'ben')!;
const fw = getFramework(ben.frameworkId) as Framework;
const record = ApprenticeRecord.parse(
  confirmedRecord(apprenticeRecord(ben, TODAY, SID), { admin: 'admin@northwind.example', at: AT, date: '2026-12-01' }),
);
const progress = computeProgress(fw, record, TODAY);
const counted = countedEntries(fw, record, TODAY);

const fixture = (p: string) => JSON.parse(readFileSync(join(__dirname, '../fixtures', p), 'utf8'));
const obValidate = addFormats(new Ajv2019({ strict: false, allErrors: true })).compile(
  fixture('1edtech-ob-v3p0/achievementcredential.json'),
);
/** The CLR schema's ClrSubject, with the embedded credentials set aside (they are VC 1.1 there: see the README). */
function clrSubjectValidator() {
  const { $schema: _s, ...schema } = fixture('clr-v2p0/clr_v2p0_clrcredential_schema_draft4.json');
  schema.$defs.VerifiableCredential = { type: 'object' };
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true })).addSchema(schema);
  return ajv.compile({ $ref: `${schema.$id}#/$defs/ClrSubject` });
}

const recipient = {
  id: 'urn:uuid:00000000-0000-4000-8000-0000000000be',
  name: ben.name,
  startDate: record.apprentice.startDate,
  emailHash: 'sha256$00',
  salt: 'pepper',
};
const input: ClrInput = {
  id: 'urn:uuid:5b0c8c1e-0000-4000-8000-000000000001',
  idFor: (key) => `urn:uuid:5b0c8c1e-0000-4000-8000-${String(Buffer.from(key).length).padStart(12, '0')}`,
  baseUrl: BASE,
  sponsor: { id: SID, name: 'Northwind' },
  framework: fw,
  progress,
  counted,
  timeZone: 'America/New_York',
  recipient,
  issuedAt: '2026-12-07T15:00:00.000Z',
};

async function signedRecord() {
  const key = await Ed25519Multikey.generate({
    id: keyId(urls.issuer, 1),
    controller: urls.issuer,
    seed: new Uint8Array(32).fill(3),
  });
  const issuer = issuerDocument(
    { id: urls.issuer, name: 'Northwind' },
    { multikeys: [{ version: 1, publicKeyMultibase: key.publicKeyMultibase }] },
  );
  const sign = async (c: object) => (await addProof(c as Record<string, unknown>, key)) as SignedCredential;
  const levels = await Promise.all(
    progress.levels.filter(earnsCredential).map((level, i) =>
      sign(
        levelCredential({
          id: `urn:uuid:1e7e1000-0000-4000-8000-00000000000${i}`,
          baseUrl: BASE,
          sponsor: input.sponsor,
          framework: fw,
          level,
          counted,
          recipient,
          issuedAt: AT,
          status: statusEntry(urls.statusList(1), 100 + i),
        }),
      ),
    ),
  );
  const parts = clrParts(input);
  const program = await sign(parts.program);
  const competencies = await Promise.all(parts.competencies.map(sign));
  const clr = await sign(clrCredential(input, [program, ...levels, ...competencies]));
  return { clr, levels, program, competencies, issuer, sign };
}

let built: Awaited<ReturnType<typeof signedRecord>>;
beforeAll(async () => {
  built = await signedRecord();
}, 120_000);

const subjectOf = (c: SignedCredential) =>
  c.credentialSubject as {
    achievement: { id: string; achievementType: string; humanCode?: string }[];
    verifiableCredential: SignedCredential[];
    association: { sourceId: string; targetId: string; associationType: string }[];
  };

describe('what the record holds', () => {
  test('the program, every level, and each counted competency, with the level credentials issued', () => {
    expect(progress.levels.map((l) => [l.levelId, l.complete])).toEqual([
      ['L1', true],
      ['L2', false],
      ['L3', false],
    ]);
    const s = subjectOf(built.clr);
    const types = s.achievement.map((a) => a.achievementType);
    expect(types.filter((t) => t === 'LearningProgram')).toHaveLength(1);
    expect(types.filter((t) => t === 'ApprenticeshipCertificate')).toHaveLength(3);
    const items = new Set(counted.signOffs.map((x) => x.itemId));
    expect(items.size).toBeGreaterThan(10);
    expect(s.achievement.filter((a) => a.achievementType === 'Competency').map((a) => a.humanCode)).toEqual([...items]);
    expect(built.levels).toHaveLength(1);
    expect(s.verifiableCredential.map((c) => c.id)).toContain(built.levels[0]!.id);
    expect(s.verifiableCredential).toHaveLength(1 + 1 + items.size);
  });

  test('each competency credential says when it was confirmed', () => {
    const first = counted.signOffs[0]!;
    const c = built.competencies.find(
      (x) => (x.credentialSubject as { achievement: { humanCode: string } }).achievement.humanCode === first.itemId,
    )!;
    expect((c.credentialSubject as { activityEndDate: string }).activityEndDate).toBe(first.confirmation!.at);
    expect(JSON.stringify(c)).toContain('confirmed on 2026-12-01');
  });

  test("hours per level and category are the engine's numbers, as results of the program", () => {
    const results = (built.program.credentialSubject as { result: { resultDescription: string; value: string }[] })
      .result;
    const described = (
      built.program.credentialSubject as {
        achievement: { resultDescription: { id: string; name: string }[] };
      }
    ).achievement.resultDescription;
    for (const level of progress.levels)
      for (const h of level.hours) {
        const d = described.find(
          (x) =>
            x.name.startsWith(`${level.title}: ${HOURS_CATEGORY_LABEL[h.category]} hours`) && x.id.endsWith(h.category),
        )!;
        expect(results.find((r) => r.resultDescription === d.id)?.value).toBe(String(h.done));
      }
    expect(results.filter((r) => r.value !== undefined).length).toBe(
      progress.levels.reduce((n, l) => n + 1 + l.hours.length, 0),
    );
  });

  test('associations: the program is the parent of each level, a level of each counted competency it requires', () => {
    const s = subjectOf(built.clr);
    const program = s.achievement.find((a) => a.achievementType === 'LearningProgram')!.id;
    const levels = s.achievement.filter((a) => a.achievementType === 'ApprenticeshipCertificate').map((a) => a.id);
    for (const l of levels)
      expect(s.association).toContainEqual(expect.objectContaining({ sourceId: program, targetId: l }));
    const item = fw.workFunctions.flatMap((wf) => wf.items).find((i) => i.id === counted.signOffs[0]!.itemId)!;
    const itemAchievement = s.achievement.find((a) => a.humanCode === item.id)!.id;
    for (const levelId of item.levels)
      expect(s.association).toContainEqual({
        type: 'Association',
        associationType: 'isParentOf',
        sourceId: levels.find((l) => l.endsWith(`/${levelId}`)),
        targetId: itemAchievement,
      });
  });

  test('no email and no coach in the record', () => {
    const text = JSON.stringify(built.clr);
    expect(text).not.toContain(record.apprentice.email);
    for (const coach of record.apprentice.coachEmails) expect(text).not.toContain(coach);
  });
});

describe('signed and valid', () => {
  test('the record and every credential in it verify with the issuer’s key; a changed byte does not', async () => {
    await expect(verifyDataIntegrity(built.clr, built.issuer)).resolves.toMatchObject({
      verificationMethod: keyId(urls.issuer, 1),
    });
    for (const c of subjectOf(built.clr).verifiableCredential.slice(0, 4))
      await expect(verifyDataIntegrity(c, built.issuer)).resolves.toBeDefined();
    const changed = structuredClone(built.clr) as SignedCredential & { name: string };
    changed.name = `${changed.name}.`;
    await expect(verifyDataIntegrity(changed, built.issuer)).rejects.toThrow();
  }, 60_000);

  test('the ClrSubject fits 1EdTech’s CLR 2.0 schema; every embedded credential the OB 3.0 schema', () => {
    const validate = clrSubjectValidator();
    validate(built.clr.credentialSubject);
    expect(validate.errors ?? []).toEqual([]);
    for (const c of subjectOf(built.clr).verifiableCredential) {
      obValidate(c);
      expect([c.id, obValidate.errors ?? []]).toEqual([c.id, []]);
    }
    const bad = clrSubjectValidator();
    const subject = built.clr.credentialSubject as Record<string, unknown>;
    expect(bad({ ...subject, association: [{ type: 'Association', associationType: 'isFriendOf' }] })).toBe(false);
  });
});

describe('qualcard verify on a learner record', () => {
  const { file, cli } = cliRunner('qualcard-clr-verify');

  test('says what it holds, verifies every credential inside; one changed inside (the record re-signed) is INVALID', async () => {
    const issuerFile = file('issuer.json', built.issuer);
    const ok = await cli('verify', file('clr.json', built.clr), '--issuer', issuerFile);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    const inside = subjectOf(built.clr).verifiableCredential.length;
    expect(ok.out).toContain('(learner record, CLR 2.0)');
    expect(ok.out).toContain(`inside:      ${inside} credential(s), ${inside} Data Integrity proof(s) verified`);
    // The level credential's status list is not reachable here: said so, not taken as valid.
    expect(ok.out).toContain(`${built.levels[0]!.name}: NOT CHECKED: status ${urls.statusList(1)}`);

    const forged = structuredClone(built.clr) as SignedCredential;
    const { proof: _p, ...unsigned } = forged;
    const competency = subjectOf(forged).verifiableCredential.at(-1)!;
    competency.name = `${String(competency.name)} (and more)`;
    const bad = await cli('verify', file('forged.json', await built.sign(unsigned)), '--issuer', issuerFile);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`INVALID: the credential inside ${competency.id}`);
  }, 120_000);
});
