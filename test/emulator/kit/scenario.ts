// One scenario builder for the emulator tests: an empty database, then each sponsor seeded as an operator would
// (the sponsor and its first members by role), then its apprentices synced through the real API as its admin (the
// roster gives them and their coaches their roles). `syncAs` is the one sync helper.

import type { AnswerOf, BodyOf } from '@qualcard/shared/api/route';
import * as api from '@qualcard/shared/api/routes';
import { call, type Reply } from './client';
import { clearFirestore, type SeedRole, seedSponsor } from './db';
import { ADMIN, AS_OF, GLOBEX_ADMIN } from './people';

type SyncBody = BodyOf<typeof api.sync>;
export type SyncRecords = SyncBody['records'];

export interface SponsorSpec {
  id: string;
  name: string;
  admins: string[];
  coaches?: string[];
  consultants?: string[];
  /** Synced through the API as the first admin; none: no sync. */
  apprentices?: SyncRecords;
  /** The seeding sync's options (its as-of date, time zone, programs). */
  sync?: SyncOptions;
}

/** Acme IT, administered by ADMIN, with what `more` adds. */
export const acme = (more: Partial<SponsorSpec> = {}): SponsorSpec => ({
  id: 'acme',
  name: 'Acme IT',
  admins: [ADMIN],
  ...more,
});
/** Globex, the other tenant, administered by GLOBEX_ADMIN. */
export const globex = (more: Partial<SponsorSpec> = {}): SponsorSpec => ({
  id: 'globex',
  name: 'Globex',
  admins: [GLOBEX_ADMIN],
  ...more,
});

/** Empties the database, seeds every sponsor and its members, then syncs each one's apprentices (a 200 each). */
export async function scenario(...sponsors: SponsorSpec[]): Promise<void> {
  await clearFirestore();
  for (const s of sponsors) await seedSponsor(s.id, s.name, membersOf(s));
  for (const s of sponsors) {
    if (!s.apprentices?.length) continue;
    const res = await syncAs(s.admins[0]!, s.apprentices, { sponsorId: s.id, ...s.sync });
    expect({ sync: s.id, status: res.status, error: res.error }).toEqual({ sync: s.id, status: 200, error: undefined });
  }
}

function membersOf(s: SponsorSpec): Record<string, SeedRole> {
  const members: Record<string, SeedRole> = {};
  for (const [role, emails] of [
    ['admin', s.admins],
    ['coach', s.coaches],
    ['consultant', s.consultants],
  ] as const)
    for (const email of emails ?? []) members[email] = role;
  return members;
}

export interface SyncOptions {
  /** Default acme. */
  sponsorId?: string;
  /** Default a new key per call. */
  key?: string;
  /** Default AS_OF; null sends none (the service's today), as a coach's sync must (only an admin may ask for a day). */
  asOf?: string | null;
  timeZone?: string;
  programs?: SyncBody['programs'];
}

let keys = 0;

/** A sync of `records` as `as`, through the real API. */
export function syncAs(
  as: string,
  records: SyncRecords,
  opts: SyncOptions = {},
): Promise<Reply<AnswerOf<typeof api.sync>>> {
  const { sponsorId = 'acme', key = `kit-sync-${++keys}-${Date.now()}`, asOf = AS_OF, ...extra } = opts;
  const body: SyncBody = { idempotencyKey: key, records, ...(asOf === null ? {} : { asOf }), ...extra };
  return call(api.sync, { as, params: { sponsorId }, body });
}
