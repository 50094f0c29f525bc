// What the sidebar and the server say to each other through google.script.run: the functions it may call,
// their arguments and the plain data they answer with. Types and constants only, no Apps Script or DOM:
// the server modules implement these types and the sidebar (its own tsconfig, DOM lib) imports them.

/** Apprentices per generateApprentices call: the server refuses more (each call must end well within Apps Script's
 * 6-minute limit); the sidebar sends smaller batches so its progress bar moves. */
export const GENERATE_MAX_PER_CALL = 10;
export const GENERATE_SIDEBAR_BATCH = 2;

/** The document's settings, as set-up saves them. */
export interface Settings {
  endpoint: string;
  sponsorId: string;
  frameworkIds: string[];
}

export interface FrameworkSummary {
  id: string;
  title: string;
  version: string;
  /** `standard`: the sign-off standard the document states for the level, quoted with its lines. */
  levels: { id: string; title: string; standard?: string }[];
  items: number;
  sponsor: boolean;
}

/** A program framework's optional work functions, the framework's default and the ones the sponsor runs. */
export interface ProgramSummary {
  frameworkId: string;
  title: string;
  optional: { id: string; title: string }[];
  defaults: string[];
  chosen: string[];
}

export interface State {
  settings: Settings;
  available: FrameworkSummary[];
  program: FrameworkSummary[];
  /** Per program framework with optional work functions: which ones the sponsor runs. */
  programs: ProgramSummary[];
  roster: {
    exists: boolean;
    apprentices: { id: string; name: string; frameworkId: string; levelId: string }[];
    errors: string[];
  };
}

/** A sheet the add-on creates once (the Framework sheet, the roster). */
export interface SheetCreated {
  name: string;
  created: boolean;
}

/**
 * The sponsor framework's id, title and version ("" for the default: 1.0.0, or the base's version with
 * "-sponsor.1"), and the shipped framework it extends ("" for a new one).
 */
export interface FrameworkSheetInput {
  id: string;
  title: string;
  baseId: string;
  version?: string;
}
export interface FrameworkImportResult {
  ok: boolean;
  errors: string[];
  state?: State;
}

export interface GenerateResult {
  apprenticeId: string;
  name: string;
  qualCard: string;
  hours: string;
  regenerated: boolean;
  archived: number;
  /** Why the sheets' numbers could not be refreshed from the service (generation itself went through). */
  note?: string;
}

export interface SignOffResult {
  apprenticeId: string;
  signed: string[];
  alreadySigned: string[];
  coachEmail: string;
  /** The sponsor's day of the sign-off, as the service dated it. */
  date: string;
  /** The apprentice's target level percent after the sign-off (the engine's, counted entries only). */
  percent: number | null;
}

export interface CheckResult {
  apprentices: number;
  synced: boolean;
  asOf: string;
  gaps: number;
  /** Entries (ticks, hours rows, results) waiting for a confirmation: typed, not counted. */
  pending: number;
  /** Set when the service knows the caller as a coach: only their apprentices were synced. */
  coachEmail?: string;
  missing: string[];
}

/** What "Confirm my ticks" (a coach) or "Record results" (a sponsor admin) did. */
export interface ConfirmResult {
  /** Who confirmed: the signed-in coach or admin. */
  by: string;
  /** Apprentices it went through (with generated sheets): the coach's own, or the roster for an admin. */
  apprentices: number;
  confirmed: { signOffs: number; hours: number; priorCredit: number; exams: number; certifications: number };
  /** Already confirmed on the service before this run (a re-sent request, another tab). */
  already: number;
  skipped: {
    /** "Signed by" / "Verified by" names someone else: only they can confirm the row. */
    otherSigner: number;
    /** Ticked without a date: type the day the work was observed. */
    noDate: number;
    /** A result ticked without its proof: type it under Evidence (e.g. a certificate number). */
    noEvidence: number;
    /** Rows the engine flags (future, before the start, duplicate, over 24 h a day...): fix them first. */
    flagged: number;
  };
  /** The first few skipped rows, saying why. */
  notes: string[];
  /** Apprentices whose sheets were not generated yet. */
  missing: string[];
}

/** What "Publish framework" did: `conflict` when that version was published before with other content. */
export interface PublishResult {
  frameworkId: string;
  version: string;
  outcome: 'created' | 'unchanged' | 'conflict';
  message: string;
}

/** "Move apprentices to version": the diff (applied: false) the admin confirms, then the move (applied: true). */
export interface MigrationResult {
  frameworkId: string;
  toVersion: string;
  applied: boolean;
  apprentices: {
    apprenticeId: string;
    fromVersion: string;
    itemsAdded: string[];
    itemsArchived: { itemId: string; signed: boolean }[];
    levelsRemoved: string[];
  }[];
}
export interface MigrationInput {
  toVersion: string;
  /** Only when applying: exactly the apprentices the admin saw in the diff. */
  apprenticeIds?: string[];
}

export interface TranscriptFile {
  fileName: string;
  contentType: string;
  base64: string;
}

/** The admin's "Record a raise" form. */
export interface RaiseInput {
  apprenticeId: string;
  step: number;
  effectiveDate: string;
  note?: string;
}

/** What the service recorded, and the apprentice's wage step after it (e.g. "Step 2; next: step 3 after ..."). */
export interface RaiseResult {
  apprenticeId: string;
  step: number;
  effectiveDate: string;
  wage: string;
}

/** A file the sidebar offers for download: its name, type and text. */
export interface DownloadText {
  fileName: string;
  contentType: string;
  text: string;
}
/** A completed level's signed credential and where it stands. */
export interface CredentialFile {
  /** The service's id (to revoke it). */
  credentialId: string;
  name: string;
  status: string;
  /** The credential with its Data Integrity proof (.json): what wallets and outside verifiers read. Absent on a
   * credential issued before proofs. */
  json?: DownloadText;
  /** The same credential as a VC-JWT (.jwt). */
  jwt: DownloadText;
}

/** A role's home in the sidebar. */
export type HomeRole = 'admin' | 'coach' | 'consultant' | 'apprentice';
export const HOME_ROLES: readonly HomeRole[] = ['admin', 'coach', 'consultant', 'apprentice'];

/**
 * Who opened the sidebar and which home it opens on. `stage`:
 * - `connect`: no Qualcard endpoint in this spreadsheet: the first-run screen asks for it (anyone may connect);
 * - `setup`: connected, the person is an admin of a sponsor and this spreadsheet has no sponsor yet: the admin's
 *   first-run set-up (sponsor, frameworks);
 * - `home`: `role` is the home to show (`roles` lists every home the person may pick);
 * - `no-access`: the service knows the person in no role here: `message` says how to get access and from whom;
 * - `offline`: the service did not answer: `message` says what failed and what to check.
 */
export interface Home {
  stage: 'connect' | 'setup' | 'home' | 'no-access' | 'offline';
  /** The signed-in person as the service verified them ('' before connecting). */
  email: string;
  endpoint: string;
  /** This spreadsheet's sponsor ('' until set up). */
  sponsorId: string;
  sponsorName: string;
  /** The homes this person may open here: their role in this spreadsheet's sponsor, and consultant mode when they
   * are a consultant anywhere. */
  roles: HomeRole[];
  /** The home shown: the person's last choice, else their only role, else the first of `roles`. */
  role: HomeRole | null;
  /** For an apprentice: the record that is theirs. */
  apprenticeId?: string;
  /** Sponsors where the person is an admin (the set-up's choice of sponsor). */
  adminOf: { id: string; name: string }[];
  message?: string;
}

/** One person with a role in the sponsor, for the admin's Members list. */
export interface MemberRow {
  email: string;
  role: HomeRole;
  apprenticeId?: string;
}
export interface MemberInput {
  email: string;
  role: 'admin' | 'coach' | 'consultant';
}
export interface MembersResult {
  members: MemberRow[];
  /** What changed, in words ("coach@acme.example is now a coach"). */
  message: string;
}

/** The admin's attestation of paper-era entries: the rows selected on a qual card or hours sheet. */
export interface AttestInput {
  reason: string;
  evidence?: string;
}
export interface AttestResult {
  apprenticeId: string;
  attested: { signOffs: number; hours: number };
  already: number;
  message: string;
}

/** "Withdraw selected confirmations": the confirmed rows selected on a qual card or hours sheet, and why. */
export interface WithdrawInput {
  reason: string;
}
export interface WithdrawResult {
  apprenticeId: string;
  /** Entries withdrawn, per kind as the service answered. */
  withdrawn: { signOffs: number; hours: number; priorCredit: number; exams: number; certifications: number };
  message: string;
}

export interface RevokeInput {
  apprenticeId: string;
  credentialId: string;
  reason: string;
}

/** The digest settings form: the service's settings as they are. */
export interface DigestForm {
  enabled: boolean;
  /** 1 Monday .. 7 Sunday. */
  weekday: number;
  sheetUrl: string;
  apprentices: boolean;
}

/** An apprentice's home: their own progress, gaps, pending entries and open requests. */
export interface ApprenticeHome {
  apprenticeId: string;
  name: string;
  asOf: string;
  levels: { levelId: string; title: string; percent: number; complete: boolean }[];
  gaps: string[];
  /** Entries typed in their sheets and not yet confirmed, in words. */
  pending: string[];
  requests: { requestId: string; createdAt: string; entries: string[]; open: number }[];
  /** The names of their own sheets (to open them). */
  sheets: { qualCard: string; hours: string };
}
export interface AskInput {
  note?: string;
}
export interface AskResult {
  requestId: string;
  entries: number;
  coachEmails: string[];
  message: string;
}

/** A coach's home: their apprentices, what waits for them in the sheets, apprentices' requests. */
export interface CoachHome {
  coachEmail: string;
  apprentices: {
    id: string;
    name: string;
    ticksToConfirm: number;
    hoursToVerify: number;
    /** Confirmed rows whose values the sheet changed, or that it deleted, since (Status "changed since confirmed"). */
    changedSinceConfirmed: number;
  }[];
  requests: {
    requestId: string;
    apprenticeId: string;
    apprenticeName: string;
    createdAt: string;
    entries: string[];
    note?: string;
  }[];
}

/** The server functions the sidebar calls by name (addon/src/main.ts exports them; checked there). */
export interface SidebarApi {
  getHome(): Home;
  /** Saves the endpoint (first run, or an admin changing it) and answers the home it leads to. */
  connect(endpoint: string): Home;
  /** Opens another of the person's homes (kept per person). */
  chooseRole(role: HomeRole): Home;
  coachHome(): CoachHome;
  apprenticeHome(): ApprenticeHome;
  askCoachToConfirm(input: AskInput): AskResult;
  listMembers(): MembersResult;
  setMember(input: MemberInput): MembersResult;
  removeMember(email: string): MembersResult;
  attestSelection(input: AttestInput): AttestResult;
  revokeCredential(input: RevokeInput): CredentialFile[];
  keepCredential(input: RevokeInput): CredentialFile[];
  withdrawSelection(input: WithdrawInput): WithdrawResult;
  getDigest(): DigestForm;
  saveDigest(input: DigestForm): DigestForm;
  getState(): State;
  // Consultant mode (./consultant.ts, ./downloads.ts).
  getCohortState(): CohortState;
  saveEndpoint(endpoint: string): CohortState;
  refreshCohort(): CohortRefreshResult;
  downloadCohortReport(sponsorIds: string[]): DownloadFile;
  downloadTranscript(sponsorId: string, apprenticeId: string): DownloadFile;
  saveSetup(input: Settings): State;
  /** Framework id -> the optional work functions the sponsor runs. */
  savePrograms(input: Record<string, { optionalWorkFunctionIds: string[] }>): State;
  createFrameworkSheet(): SheetCreated;
  importFrameworkSheet(input: FrameworkSheetInput): FrameworkImportResult;
  createRoster(): SheetCreated;
  createWageSchedule(): SheetCreated;
  recordRaise(input: RaiseInput): RaiseResult;
  generateApprentices(ids: string[]): GenerateResult[];
  signOffSelection(): SignOffResult;
  confirmMyTicks(): ConfirmResult;
  recordResults(): ConfirmResult;
  checkProgress(): CheckResult;
  exportTranscript(apprenticeId: string): TranscriptFile;
  credentialFiles(apprenticeId: string): CredentialFile[];
  /** The apprentice's signed learner record (CLR 2.0): an admin's for any apprentice, an apprentice's own. */
  downloadLearnerRecord(apprenticeId: string): DownloadFile;
  publishFramework(): PublishResult;
  previewMigration(input: MigrationInput): MigrationResult;
  applyMigration(input: MigrationInput): MigrationResult;
}

/**
 * A file for the sidebar to offer as a download. google.script.run documents no size limit for an answer, but it is
 * one string in one execution (6 minutes, and the sidebar holds it in memory): files over DOWNLOAD_MAX_BYTES are
 * refused with a message pointing at the API, whose routes have no such limit.
 */
export interface DownloadFile {
  filename: string;
  contentType: string;
  base64: string;
  bytes: number;
}
export const DOWNLOAD_MAX_BYTES = 20 * 1024 * 1024;
/** Sponsors per cohort report request (the query string stays short). */
export const COHORT_REPORT_MAX_SPONSORS = 100;

/** A sponsor of the consultant's cohort, with the caller's role there. */
export interface CohortSponsorChoice {
  id: string;
  name: string;
  role: string;
}
/** What the consultant panel shows: the endpoint, the sponsors of the last refresh and the Cohort sheet's apprentices. */
export interface CohortState {
  endpoint: string;
  /** The sponsor this spreadsheet's program belongs to ("" in a consultant's own spreadsheet). */
  sponsorId: string;
  rosterExists: boolean;
  sponsors: CohortSponsorChoice[];
  apprentices: { sponsorId: string; sponsorName: string; id: string; name: string }[];
  refreshedAt: string | null;
}
export interface CohortRefreshResult {
  sponsors: number;
  apprentices: number;
  gaps: number;
  /** Pages of the cohort route it took. */
  pages: number;
  /** Apprentices whose stored progress left gaps out (the Gaps sheet says how many for each). */
  cutShort: number;
  refreshedAt: string;
  state: CohortState;
}
