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

export interface State {
  settings: Settings;
  available: FrameworkSummary[];
  program: FrameworkSummary[];
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

/** The sponsor framework's id and title, and the shipped framework it extends ("" for a new one). */
export interface FrameworkSheetInput {
  id: string;
  title: string;
  baseId: string;
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
}

export interface SignOffResult {
  apprenticeId: string;
  signed: string[];
  alreadySigned: string[];
  coachEmail: string;
  date: string;
}

export interface CheckResult {
  apprentices: number;
  synced: boolean;
  asOf: string;
  gaps: number;
  missing: string[];
}

export interface TranscriptFile {
  fileName: string;
  contentType: string;
  base64: string;
}

/** The server functions the sidebar calls by name (addon/src/main.ts exports them; checked there). */
export interface SidebarApi {
  getState(): State;
  saveSetup(input: Settings): State;
  createFrameworkSheet(): SheetCreated;
  importFrameworkSheet(input: FrameworkSheetInput): FrameworkImportResult;
  createRoster(): SheetCreated;
  generateApprentices(ids: string[]): GenerateResult[];
  signOffSelection(): SignOffResult;
  checkProgress(): CheckResult;
  exportTranscript(apprenticeId: string): TranscriptFile;
}
