// The Firebase project owner's use cases: creating a sponsor with its first admin, and giving an existing sponsor an
// admin again (when its admins are all gone). No member check: they are reached only through owner.ts, which the
// `qualcard sponsor` commands run on the owner's machine with the Admin SDK and the owner's Application Default
// Credentials; the API has no route to them. Every later member (coach, consultant, more admins) is added by an
// admin through the API (usecases/members.ts), from the sidebar's Members section.
//
// Not audited in a chain: the audit chains (audit.ts) are per apprentice and a new sponsor has none. The sponsor
// document keeps when it was created (`createdAt`).
import type { SponsorMembership } from '@qualcard/shared/api';
import { Conflict, NotFound } from '../domain/errors';
import { addAdminToSponsor, addIssuerKeyVersion, createSponsorWithAdmin } from '../store/sponsors';
import type { Deps } from './deps';

export interface SponsorCreation {
  sponsorId: string;
  name: string;
  /** The first admin's email, already checked (lower case). */
  admin: string;
  /** IANA time zone; when absent the admin's first sync stores the spreadsheet's. */
  timeZone?: string;
}

export interface SponsorCreated {
  sponsorId: string;
  name: string;
  timeZone?: string;
  admin: string;
  createdAt: string;
}

/** Conflict, with nothing written, when a sponsor of that id exists. */
export async function createSponsor({ db, now }: Deps, input: SponsorCreation): Promise<SponsorCreated> {
  const createdAt = now().toISOString();
  const sponsor = { name: input.name, ...(input.timeZone ? { timeZone: input.timeZone } : {}), createdAt };
  const outcome = await createSponsorWithAdmin(db, input.sponsorId, sponsor, input.admin);
  if (!outcome.created) {
    const named = outcome.existing.name ? ` ("${outcome.existing.name}")` : '';
    throw new Conflict(
      `sponsor ${input.sponsorId}${named} exists already: nothing was written. Choose another id, or give it an admin with \`qualcard sponsor add-admin ${input.sponsorId} <email>\``,
    );
  }
  return { ...sponsor, sponsorId: input.sponsorId, admin: input.admin };
}

export interface AdminAdded {
  sponsorId: string;
  sponsorName?: string;
  email: string;
  /** The role the email held in the sponsor before (absent for none). */
  before?: SponsorMembership['role'];
  /** False when the email was an admin of the sponsor already (nothing written). */
  changed: boolean;
}

/**
 * NotFound for an unknown sponsor; Conflict for an apprentice of the sponsor (one role per sponsor: making them
 * admin would take away their own record). A coach or consultant becomes an admin instead.
 */
export async function addSponsorAdmin(
  { db }: Deps,
  { sponsorId, email }: { sponsorId: string; email: string },
): Promise<AdminAdded> {
  const outcome = await addAdminToSponsor(
    db,
    sponsorId,
    email,
    (before) => before === undefined || (before.role !== 'admin' && before.role !== 'apprentice'),
  );
  if (outcome.missing)
    throw new NotFound(
      `no sponsor ${sponsorId}: nothing was written. Create it with \`qualcard sponsor create ${sponsorId} --name "<name>" --admin ${email}\``,
    );
  const before = outcome.before?.role;
  if (before === 'apprentice')
    throw new Conflict(
      `${email} is an apprentice of sponsor ${sponsorId} (one role per sponsor): nothing was written. Give the admin role to another email`,
    );
  return {
    sponsorId,
    ...(outcome.sponsor.name ? { sponsorName: outcome.sponsor.name } : {}),
    email,
    ...(before ? { before } : {}),
    changed: outcome.written,
  };
}

export interface KeyRotated {
  sponsorId: string;
  sponsorName?: string;
  /** The version that signs from now on. */
  version: number;
  /** The earlier versions, still published in the issuer document. */
  earlier: number[];
  since: string;
}

/**
 * The sponsor signs with a new key version from now on (credentials/sponsor-keys.ts derives it); every earlier key
 * stays published, so what it signed still verifies. NotFound for an unknown sponsor (nothing written).
 */
export async function rotateIssuerKey({ db, now }: Deps, sponsorId: string): Promise<KeyRotated> {
  const since = now().toISOString();
  const outcome = await addIssuerKeyVersion(db, sponsorId, since);
  if (outcome.missing) throw new NotFound(`no sponsor ${sponsorId}: nothing was written`);
  const versions = outcome.versions.map((k) => k.version);
  return {
    sponsorId,
    ...(outcome.sponsor.name ? { sponsorName: outcome.sponsor.name } : {}),
    version: versions[versions.length - 1]!,
    earlier: versions.slice(0, -1),
    since,
  };
}
