// The learner record's size and signing time for each demo apprentice (scripts/demo-cohort.ts, every entry
// confirmed), built and signed in process as the functions do (a test key): `npm run bench:clr`.
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { ApprenticeRecord, computeProgress, countedEntries, type Framework, getFramework } from '@qualcard/shared';
import { apprenticeRecord, confirmedRecord, DEMO_PLANS } from '../scripts/demo-cohort';
import { earnsCredential, levelCredential } from '../shared/src/credentials/build';
import { type ClrInput, clrCredential, clrParts, type SignedCredential } from '../shared/src/credentials/clr';
import { addProof } from '../shared/src/credentials/data-integrity';
import { keyId } from '../shared/src/credentials/issuer-document';
import { statusEntry } from '../shared/src/credentials/status-list';
import { issuerUrls } from '../shared/src/credentials/vocabulary';

const BASE = 'https://us-central1-qualcard-prod.cloudfunctions.net/api';
const SID = 'northwind';
const TODAY = '2026-12-07';
const AT = '2026-12-01T15:00:00.000Z';
const uuid = (n: number) => `urn:uuid:5b0c8c1e-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function main(): Promise<void> {
  const urls = issuerUrls(BASE, SID);
  const key = await Ed25519Multikey.generate({ id: keyId(urls.issuer, 1), controller: urls.issuer });
  const sign = async (c: object) => (await addProof(c as Record<string, unknown>, key)) as SignedCredential;
  const sponsor = { id: SID, name: 'Northwind IT Services' };
  for (const plan of DEMO_PLANS) {
    const framework = getFramework(plan.frameworkId) as Framework;
    const record = ApprenticeRecord.parse(
      confirmedRecord(apprenticeRecord(plan, TODAY, SID), {
        admin: 'admin@northwind.example',
        at: AT,
        date: '2026-12-01',
      }),
    );
    const progress = computeProgress(framework, record, TODAY);
    const counted = countedEntries(framework, record, TODAY);
    const recipient = {
      id: uuid(9),
      name: plan.name,
      startDate: record.apprentice.startDate,
      emailHash: `sha256$${'0'.repeat(64)}`,
      salt: '0'.repeat(32),
    };
    const levels = await Promise.all(
      progress.levels.filter(earnsCredential).map((level, i) =>
        sign(
          levelCredential({
            id: uuid(100 + i),
            baseUrl: BASE,
            sponsor,
            framework,
            level,
            counted,
            recipient,
            issuedAt: AT,
            status: statusEntry(urls.statusList(1), 48213 + i),
          }),
        ),
      ),
    );
    const started = performance.now();
    let n = 1000;
    const input: ClrInput = {
      id: uuid(1),
      idFor: () => uuid(n++),
      baseUrl: BASE,
      sponsor,
      framework,
      progress,
      counted,
      timeZone: 'America/New_York',
      recipient,
      issuedAt: `${TODAY}T15:00:00.000Z`,
    };
    const parts = clrParts(input);
    const inside: SignedCredential[] = [];
    for (const c of [parts.program, ...parts.competencies]) inside.push(await sign(c));
    const clr = await sign(clrCredential(input, [inside[0]!, ...levels, ...inside.slice(1)]));
    const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));
    console.log(
      `${plan.id.padEnd(7)} ${framework.id.padEnd(27)} levels complete ${levels.length}, competencies ${parts.competencies.length}: ` +
        `record ${bytes(clr)} B, level credential ${levels.map(bytes).join(', ') || '-'} B, signed in ${Math.round(performance.now() - started)} ms`,
    );
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exitCode = 1;
});
