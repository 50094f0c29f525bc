// qualcard verify on a learner record (CLR 2.0 ClrCredential, shared/src/credentials/clr.ts): once the record's own
// proof verified (verify.ts), says what it holds and checks each credential inside: its proof against the same issuer
// document, and for those with a credentialStatus (the level credentials) their bit in the issuer's status list, so
// a level revoked after the record was issued shows. A credential inside that fails makes the record INVALID.
import { verifyDataIntegrity } from '../../shared/src/credentials/data-integrity';
import type { IssuerDocument } from '../../shared/src/credentials/issuer-document';
import { InputError } from './input';
import { listProofBy, statusLine } from './status';

interface Held {
  type?: unknown;
  name?: string;
  issuer?: { id?: string; name?: string } | string;
  validFrom?: string;
  credentialSubject?: {
    id?: string;
    achievement?: { achievementType?: string }[];
    verifiableCredential?: (Record<string, unknown> & { id?: string; name?: string; proof?: unknown })[];
    association?: unknown[];
  };
}

export const isLearnerRecord = (c: unknown): boolean =>
  Array.isArray((c as Held).type) && ((c as Held).type as unknown[]).includes('ClrCredential');

export async function learnerRecordLines(record: unknown, issuer: IssuerDocument): Promise<string[]> {
  const r = record as Held;
  const s = r.credentialSubject ?? {};
  const kinds = new Map<string, number>();
  for (const a of s.achievement ?? [])
    kinds.set(a.achievementType ?? '?', (kinds.get(a.achievementType ?? '?') ?? 0) + 1);
  const inside = s.verifiableCredential ?? [];
  const lines = [
    `issuer:      ${typeof r.issuer === 'string' ? r.issuer : `${r.issuer?.name} (${r.issuer?.id})`}`,
    `record:      ${r.name} (learner record, CLR 2.0)`,
    `subject:     ${s.id}`,
    `issued:      ${r.validFrom}`,
    `holds:       ${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}; ${s.association?.length ?? 0} associations`,
  ];
  let proofs = 0;
  for (const c of inside) {
    if (!c.proof) continue;
    await verifyDataIntegrity(c, issuer).catch((e: Error) => {
      throw new InputError(`INVALID: the credential inside ${c.id}: ${e.message}`);
    });
    proofs++;
  }
  lines.push(`inside:      ${inside.length} credential(s), ${proofs} Data Integrity proof(s) verified`);
  for (const c of inside.filter((x) => x.credentialStatus)) {
    try {
      const line = await statusLine(c as never, undefined, listProofBy(issuer));
      lines.push(`${c.name ?? c.id}: ${line.replace(/^status:\s+/, '')}`);
    } catch (e) {
      throw new InputError(`${(e as Error).message}: the level credential ${c.name ?? c.id} inside the record`);
    }
  }
  return lines;
}
