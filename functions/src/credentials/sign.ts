// The one call that signs what the functions publish beyond the level credentials (status lists, learner records):
// the sponsor's Data Integrity proof (eddsa-rdfc-2022, credentials/data-integrity.ts).
import type { Firestore } from 'firebase-admin/firestore';
import { signWithDataIntegrity } from './data-integrity';

export async function signDocument<T extends object>(
  db: Firestore,
  sid: string,
  unsigned: T,
): Promise<T & { proof: unknown }> {
  return (await signWithDataIntegrity(sid, unsigned as unknown as Record<string, unknown>, db)) as T & {
    proof: unknown;
  };
}
