// The JSON answers of the API. The functions' handlers are typed by them and checked against them in the emulator;
// clients parse with them where they read more than they display.
import * as z from 'zod';
import { Framework } from '../model/framework';
import { WageRaise } from '../model/record';
import { CohortAnswer } from '../sheets/cohort';
import { MigrationDiffAnswer, ProgressAnswer, RowConfirmationsAnswer, WageStatusAnswer } from './progress-answer';
import { DigestSettings, EntryRef } from './requests';
import { Role } from './roles';

export { CohortAnswer, ProgressAnswer, RowConfirmationsAnswer, WageStatusAnswer };

export const HealthAnswer = z.object({ ok: z.literal(true), service: z.literal('qualcard'), version: z.number() });

export const SponsorMembership = z.object({ role: Role, apprenticeId: z.string().optional() });
export type SponsorMembership = z.infer<typeof SponsorMembership>;
/** Who the service says the caller is, and their role in each sponsor. */
export const MeSponsor = SponsorMembership.extend({
  /** The sponsor's name, when its document has one. */
  sponsorName: z.string().optional(),
  /** For an apprentice: their own name, as the roster last synced it. */
  apprenticeName: z.string().optional(),
});
export type MeSponsor = z.infer<typeof MeSponsor>;
export const MeAnswer = z.object({ email: z.string(), sponsors: z.record(z.string(), MeSponsor) });
export type MeAnswer = z.infer<typeof MeAnswer>;

export const MemberAnswer = z.object({ email: z.string(), sponsorId: z.string(), role: Role });
export type MemberAnswer = z.infer<typeof MemberAnswer>;
/** Everyone with a role in the sponsor, staff first; an apprentice with the record that is theirs. */
export const MemberListAnswer = z.object({
  sponsorId: z.string(),
  members: z.array(z.object({ email: z.string(), role: Role, apprenticeId: z.string().optional() })),
});
export type MemberListAnswer = z.infer<typeof MemberListAnswer>;
export const MemberRemovedAnswer = z.object({ email: z.string(), sponsorId: z.string(), removed: Role });
export type MemberRemovedAnswer = z.infer<typeof MemberRemovedAnswer>;

/** An apprentice's request that their coaches confirm entries; open until every entry in it is confirmed. */
export const ConfirmationAskAnswer = z.object({
  requestId: z.string(),
  apprenticeId: z.string(),
  /** The apprentice's name, as the roster last synced it. */
  apprenticeName: z.string(),
  by: z.string(),
  /** The coaches it goes to (the apprentice's coaches as last synced). */
  coachEmails: z.array(z.string()),
  entries: z.array(EntryRef.extend({ confirmed: z.boolean() })),
  note: z.string().optional(),
  createdAt: z.string(),
});
export type ConfirmationAskAnswer = z.infer<typeof ConfirmationAskAnswer>;
/** Open requests: a coach's apprentices', an apprentice's own, or every one for an admin. Oldest first. */
export const ConfirmationAskList = z.object({ sponsorId: z.string(), requests: z.array(ConfirmationAskAnswer) });
export type ConfirmationAskList = z.infer<typeof ConfirmationAskList>;
export const DigestAnswer = z.object({ sponsorId: z.string(), digest: DigestSettings });

const ChangeCount = z.object({ created: z.number(), updated: z.number(), deleted: z.number() });
/** One apprentice of a sync's answer; a replayed sync may lack progress or confirmations (null). */
export const SyncedApprentice = z.object({
  apprenticeId: z.string(),
  changes: z.object({ profile: z.boolean(), signOffs: ChangeCount, hours: ChangeCount }),
  progress: ProgressAnswer.nullable(),
  confirmations: RowConfirmationsAnswer.nullable(),
});
export type SyncedApprentice = z.infer<typeof SyncedApprentice>;
export const SyncAnswer = z.object({
  sponsorId: z.string(),
  asOf: z.string(),
  /** The sponsor's time zone the service used (its "today" for confirmations). */
  timeZone: z.string(),
  replayed: z.boolean(),
  apprentices: z.array(SyncedApprentice),
});
export type SyncAnswer = z.infer<typeof SyncAnswer>;

export const RegistryEntry = z.object({
  id: z.string(),
  title: z.string(),
  owner: z.string(),
  latestVersion: z.string(),
  versions: z.array(z.string()),
});
export type RegistryEntry = z.infer<typeof RegistryEntry>;
export const FrameworkListAnswer = z.object({ frameworks: z.array(RegistryEntry) });
export const ResolvedFramework = z.object({
  framework: Framework,
  owner: z.string(),
  version: z.string(),
  publishedAt: z.string().optional(),
  publishedBy: z.string().optional(),
});
export type ResolvedFramework = z.infer<typeof ResolvedFramework>;
/** The same content again is answered 200 with created: false. */
export const PublishAnswer = z.object({
  frameworkId: z.string(),
  version: z.string(),
  created: z.boolean(),
  sha256: z.string(),
});
export type PublishAnswer = z.infer<typeof PublishAnswer>;
export const MigrationAnswer = z.object({
  fromVersions: z.array(z.string()),
  toVersion: z.string(),
  applied: z.boolean(),
  apprentices: z.array(MigrationDiffAnswer),
});
export type MigrationAnswer = z.infer<typeof MigrationAnswer>;

/** An apprentice's progress as stored after every change (small whatever the record holds). */
export const StoredProgress = z.object({
  sponsorId: z.string(),
  apprenticeId: z.string(),
  name: z.string(),
  email: z.string(),
  coachEmails: z.array(z.string()),
  frameworkId: z.string(),
  /** The published version the progress was computed against. */
  frameworkVersion: z.string(),
  progress: ProgressAnswer,
  computedAt: z.string(),
});
export type StoredProgress = z.infer<typeof StoredProgress>;
export const SponsorProgressAnswer = z.object({ sponsorId: z.string(), apprentices: z.array(StoredProgress) });
export type SponsorProgressAnswer = z.infer<typeof SponsorProgressAnswer>;

export const SignOffAnswer = z.object({
  apprenticeId: z.string(),
  signed: z.array(z.string()),
  alreadySigned: z.array(z.string()),
  coachEmail: z.string(),
  signedAt: z.string(),
  /** The sign-off's day in the sponsor's time zone: what the sheet shows (not signedAt's UTC day). */
  date: z.string(),
  progress: ProgressAnswer,
  confirmations: RowConfirmationsAnswer,
});
export type SignOffAnswer = z.infer<typeof SignOffAnswer>;

const ConfirmLists = z.object({
  signOffs: z.array(z.string()),
  hours: z.array(z.string()),
  priorCredit: z.array(z.string()),
  exams: z.array(z.string()),
  certifications: z.array(z.string()),
});
export type ConfirmLists = z.infer<typeof ConfirmLists>;
export const ConfirmAnswer = z.object({
  apprenticeId: z.string(),
  confirmed: ConfirmLists,
  already: ConfirmLists,
  progress: ProgressAnswer,
  confirmations: RowConfirmationsAnswer,
});
export type ConfirmAnswer = z.infer<typeof ConfirmAnswer>;

/** What one withdrawal request withdrew, what it named that was not confirmed, and the progress after. */
export const WithdrawAnswer = z.object({
  apprenticeId: z.string(),
  withdrawn: ConfirmLists,
  notConfirmed: ConfirmLists,
  progress: ProgressAnswer,
  confirmations: RowConfirmationsAnswer,
});
export type WithdrawAnswer = z.infer<typeof WithdrawAnswer>;

export const RaiseAnswer = z.object({
  apprenticeId: z.string(),
  raise: WageRaise,
  wage: WageStatusAnswer.nullable(),
});
export type RaiseAnswer = z.infer<typeof RaiseAnswer>;

export const TranscriptMeta = z.object({
  id: z.string(),
  sponsorId: z.string(),
  apprenticeId: z.string(),
  version: z.number(),
  sha256: z.string(),
  size: z.number(),
  fileName: z.string(),
  contentType: z.string(),
  frameworkId: z.string(),
  frameworkVersion: z.string(),
  asOf: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type TranscriptMeta = z.infer<typeof TranscriptMeta>;
export const TranscriptListAnswer = z.object({ transcripts: z.array(TranscriptMeta) });

/** A credential as listed: everything but its token. */
export const CredentialSummary = z.object({
  credentialId: z.string(),
  id: z.string(),
  sponsorId: z.string(),
  apprenticeId: z.string(),
  frameworkId: z.string(),
  frameworkVersion: z.string(),
  levelId: z.string(),
  name: z.string(),
  issuedAt: z.string(),
  status: z.enum(['active', 'revoked']),
  revoked: z.object({ at: z.string(), by: z.string(), reason: z.string() }).optional(),
  /** Set while the level is no longer complete: review it. */
  flag: z.object({ since: z.string(), reason: z.string() }).optional(),
  /** An admin reviewed the flag and kept the credential: not flagged again until the level is complete again. */
  kept: z.object({ at: z.string(), by: z.string(), reason: z.string() }).optional(),
  /** Its bit in the sponsor's revocation list (absent on credentials issued before the status list). */
  statusList: z.object({ list: z.number().int().min(1), index: z.number().int().nonnegative() }).optional(),
});
export type CredentialSummary = z.infer<typeof CredentialSummary>;
export const CredentialListAnswer = z.object({ apprenticeId: z.string(), credentials: z.array(CredentialSummary) });
export type CredentialListAnswer = z.infer<typeof CredentialListAnswer>;
/** One credential with its decoded payload and its compact JWT. */
export const CredentialAnswer = CredentialSummary.extend({
  credential: z.record(z.string(), z.unknown()),
  jwt: z.string(),
});
export type CredentialAnswer = z.infer<typeof CredentialAnswer>;

/** The issuer document: the Open Badges profile, and the controller of its keys (credentials/issuer-document.ts). */
export const IssuerProfile = z.object({
  '@context': z.array(z.union([z.string(), z.record(z.string(), z.unknown())])),
  id: z.string(),
  type: z.array(z.string()),
  name: z.string(),
  verificationMethod: z.array(z.looseObject({ id: z.string(), type: z.string(), controller: z.string() })),
  assertionMethod: z.array(z.string()),
});
export const IssuerKeyAnswer = z.object({
  '@context': z.string(),
  id: z.string(),
  type: z.literal('Multikey'),
  controller: z.string(),
  publicKeyMultibase: z.string(),
});
export const JwksAnswer = z.object({ keys: z.array(z.looseObject({ kid: z.string().optional() })) });
/** A signed BitstringStatusListCredential (its fields as published; the proof is checked by the verifier). */
export const StatusListAnswer = z.looseObject({
  id: z.string(),
  type: z.array(z.string()),
  issuer: z.union([z.string(), z.looseObject({ id: z.string() })]),
  credentialSubject: z.looseObject({ type: z.string(), statusPurpose: z.string(), encodedList: z.string() }),
});
export const RevocationListAnswer = z.object({
  id: z.string(),
  type: z.string().optional(),
  issuer: z.string().optional(),
  revokedCredentials: z.array(z.object({ id: z.string(), revocationReason: z.string().optional() })),
});

export const AuditCheckAnswer = z.object({
  apprenticeId: z.string(),
  ok: z.boolean(),
  records: z.number(),
  problem: z.string().optional(),
  seq: z.number().optional(),
});

/** Every error the API itself answers (4xx and 5xx): what the clients read (client/platform-error.ts). */
export const ErrorAnswer = z.object({
  error: z.object({
    status: z.number(),
    code: z.string(),
    message: z.string(),
    /** On a 400: each field's issue (`records.0.apprentice.email`). */
    details: z.unknown().optional(),
    /** On a 5xx: the same request may be sent again (the handlers are idempotent by design). */
    retryable: z.literal(true).optional(),
    /** On a 5xx: the request log entry's id, for a report. */
    requestId: z.string().optional(),
  }),
});
export type ErrorAnswer = z.infer<typeof ErrorAnswer>;
