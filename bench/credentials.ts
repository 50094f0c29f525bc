// Credential benchmarks (npm run bench:credentials, inside the emulators). Prints sizes, times and ratios; asserts
// nothing.
//  1. Size of a level credential for a NITAS Level 3 apprentice like the demo's most advanced (every item of L1-L3
//     confirmed, the hours, exams and certifications): the Data Integrity JSON and the VC-JWT, in bytes.
//  2. In process: building the credential, against building it and adding the eddsa-rdfc-2022 proof, and signing
//     the JWT (median of 20).
//  3. Through the API: a confirmation that completes a level (the functions then issue its credential, both forms)
//     against one that completes nothing, one item each, on the same apprentice (median over 5 apprentices).
import { randomUUID } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { ApprenticeRecord, computeProgress, countedEntries, type Framework, getFramework } from '@qualcard/shared';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { generateKeyPair } from 'jose';
import { apprenticeRecord, confirmedRecord } from '../scripts/demo-cohort';
import { okAs } from '../scripts/emulator-api';
import * as routes from '../shared/src/api/routes';
import { levelCredential } from '../shared/src/credentials/build';
import { addProof } from '../shared/src/credentials/data-integrity';
import { keyId } from '../shared/src/credentials/issuer-document';
import { signCredential } from '../shared/src/credentials/jwt';
import { statusEntry } from '../shared/src/credentials/status-list';
import { issuerUrls } from '../shared/src/credentials/vocabulary';
import { fmt, ms } from './measure';

const SPONSOR = 'bench-credentials';
const ADMIN = 'admin@bench-credentials.example';
const COACH = 'coach@bench-credentials.example';
const TODAY = new Date().toISOString().slice(0, 10);
const BASE = 'https://us-central1-qualcard-example.cloudfunctions.net/api';
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function nitasL3() {
  const f = getFramework('nitas-help-desk') as Framework;
  const exams = f.levels.flatMap((l) => l.requirements.exams.map((e) => e.id));
  const certifications = f.levels.flatMap((l) => l.requirements.certifications.map((c) => c.id));
  const plan = {
    id: 'lena',
    name: 'Lena Schmidt',
    frameworkId: f.id,
    levelId: 'L3',
    monthsAgo: 48,
    signed: { L1: 1, L2: 1, L3: 1 },
    perDay: { ri: 1, ojl: 9, we: 5 },
    exams,
    certifications,
    coach: COACH,
  };
  const record = ApprenticeRecord.parse(
    confirmedRecord(apprenticeRecord(plan, TODAY, SPONSOR), {
      admin: ADMIN,
      at: new Date().toISOString(),
      date: TODAY,
    }),
  );
  const progress = computeProgress(f, record, TODAY);
  const level = progress.levels.find((l) => l.levelId === 'L3')!;
  if (!level.complete) throw new Error(`the NITAS L3 plan does not complete L3: ${JSON.stringify(level.hours)}`);
  return () =>
    levelCredential({
      id: 'urn:uuid:3f0c2b8e-6a1d-4c55-9e43-1b2a3c4d5e6f',
      baseUrl: BASE,
      sponsor: { id: 'northwind', name: 'Northwind IT Services' },
      framework: f,
      level,
      counted: countedEntries(f, record, TODAY),
      recipient: {
        id: 'urn:uuid:9a8b7c6d-5e4f-8a3b-a2c1-0d9e8f7a6b5c',
        name: plan.name,
        startDate: record.apprentice.startDate,
        emailHash: `sha256$${'0'.repeat(64)}`,
        salt: '0123456789abcdef0123456789abcdef',
      },
      issuedAt: new Date().toISOString(),
      status: statusEntry(issuerUrls(BASE, 'northwind').statusList(1), 48213),
    });
}

async function inProcess(): Promise<void> {
  const build = nitasL3();
  const issuer = issuerUrls(BASE, 'northwind').issuer;
  const key = await Ed25519Multikey.generate({ id: keyId(issuer, 1), controller: issuer });
  const { privateKey } = await generateKeyPair('RS256');
  const kid = `${issuerUrls(BASE, 'northwind').jwks}#bench`;
  const credential = build();
  const di = JSON.stringify(await addProof({ ...credential }, key));
  const jwt = await signCredential(credential, privateKey, kid);
  console.log(
    `NITAS L3 level credential (${credential.credentialSubject.achievement.alignment.length} competencies aligned): Data Integrity JSON ${Buffer.byteLength(di)} bytes (${Buffer.byteLength(JSON.stringify(JSON.parse(di), null, 2))} pretty-printed), VC-JWT ${jwt.length} bytes`,
  );
  const time = async (fn: () => Promise<unknown> | unknown) => {
    const xs: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = process.hrtime.bigint();
      await fn();
      xs.push(ms(t));
    }
    return median(xs);
  };
  await addProof({ ...build() }, key); // warm the JSON-LD caches
  const b = await time(() => build());
  const s = await time(async () => addProof({ ...build() }, key));
  const j = await time(async () => signCredential(build(), privateKey, kid));
  console.log(
    `In process (median of 20): build ${fmt(b)} ms; build + Data Integrity proof ${fmt(s)} ms (x${(s / b).toFixed(1)}); build + VC-JWT ${fmt(j)} ms (x${(j / b).toFixed(1)})`,
  );
}

async function seed(): Promise<void> {
  if (getApps().length === 0) initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? 'demo-qualcard' });
  const db = getFirestore();
  await db.doc(`sponsors/${SPONSOR}`).set({ name: 'Bench Credentials Co' });
  await db.doc(`members/${ADMIN}`).set({ email: ADMIN, sponsors: { [SPONSOR]: { role: 'admin' } } });
  await db.doc(`members/${COACH}`).set({ email: COACH, sponsors: { [SPONSOR]: { role: 'coach' } } });
}

/** An apprentice on Customer Technical Support AITS with every core item typed; all but two confirmed. */
async function apprentice(id: string): Promise<string[]> {
  const f = getFramework('customer-technical-support') as Framework;
  const core = f.workFunctions
    .flatMap((wf) => wf.items)
    .filter((i) => i.core === 'core' && i.levels.includes('AITS'))
    .map((i) => i.id);
  const record = {
    schemaVersion: 1 as const,
    apprentice: {
      id,
      name: `Bench ${id}`,
      email: `${id}@apprentice.example`,
      startDate: '2025-09-01',
      frameworkId: f.id,
      levelId: 'AITS',
      coachEmails: [COACH],
    },
    signOffs: core.map((itemId) => ({ itemId, date: TODAY, coachEmail: COACH })),
  };
  const params = { sponsorId: SPONSOR };
  await okAs(ADMIN, routes.sync, { params, body: { idempotencyKey: randomUUID(), records: [record], asOf: TODAY } });
  const on = { params: { sponsorId: SPONSOR, apprenticeId: id } };
  await okAs(COACH, routes.confirmations, { ...on, body: { signOffs: core.slice(0, -2) } });
  return core.slice(-2);
}

async function throughApi(): Promise<void> {
  await seed();
  const nothing: number[] = [];
  const completes: number[] = [];
  for (let i = 0; i < 6; i++) {
    const id = `bench-${i}`;
    const [last2, last] = await apprentice(id);
    const on = { params: { sponsorId: SPONSOR, apprenticeId: id } };
    let t = process.hrtime.bigint();
    await okAs(COACH, routes.confirmations, { ...on, body: { signOffs: [last2!] } });
    const a = ms(t);
    t = process.hrtime.bigint();
    await okAs(COACH, routes.confirmations, { ...on, body: { signOffs: [last!] } });
    const b = ms(t);
    const listed = await okAs(ADMIN, routes.listCredentials, on);
    const count = (JSON.parse(listed.bytes.toString('utf8')) as { credentials: unknown[] }).credentials.length;
    if (count !== 1) throw new Error(`${id}: ${count} credential(s) after the completing confirmation`);
    if (i === 0) continue; // the first pair warms the functions (cold start, key derivation, JSON-LD caches)
    nothing.push(a);
    completes.push(b);
  }
  const n = median(nothing);
  const c = median(completes);
  console.log(
    `Confirmation of one item through the API (median of ${completes.length} apprentices, after one warm-up): completes nothing ${fmt(n)} ms; completes the level and issues its credential (Data Integrity + VC-JWT) ${fmt(c)} ms; ratio ${(c / n).toFixed(2)}`,
  );
}

async function mainBench(): Promise<void> {
  await inProcess();
  if (process.env.FIRESTORE_EMULATOR_HOST) await throughApi();
  else console.log('Through the API: skipped (run inside the emulators: npm run bench:credentials)');
}

mainBench().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
