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
  levels: { id: string; title: string }[];
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

/** A completed level's signed credential and where it stands; `jwt` is the file's text (ASCII). */
export interface CredentialFile {
  fileName: string;
  contentType: string;
  jwt: string;
  name: string;
  status: string;
}

/** The server functions the sidebar calls by name (addon/src/main.ts exports them; checked there). */
export interface SidebarApi {
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
