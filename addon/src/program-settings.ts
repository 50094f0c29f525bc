// The sponsor's program per framework: which optional work functions it runs. Kept in document properties under
// its own key (one read per action); the admin's sync sends it to the functions, and local progress and the qual
// card sheets use it. An apprentice's plan (the roster's "Optional work functions" column) overrides it.
import {
  checkOptionalWorkFunctions,
  type Framework,
  type ProgramChoice,
  Programs,
  RecordMismatchError,
} from '@qualcard/shared';
import type { ProgramSummary } from './sidebar-api';

const KEY = 'qualcard.programs';
const props = (): GoogleAppsScript.Properties.Properties => PropertiesService.getDocumentProperties();

export function readPrograms(): Programs {
  const raw = props().getProperty(KEY);
  try {
    const parsed = Programs.safeParse(raw ? JSON.parse(raw) : {});
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** The program a framework runs here: the sponsor's choice, else the framework's default. */
export function programOf(programs: Programs, framework: Framework): ProgramChoice {
  return programs[framework.id] ?? { optionalWorkFunctionIds: framework.program.optionalWorkFunctionsDefault };
}

const optionalOf = (f: Framework) => f.workFunctions.filter((wf) => wf.core === 'optional');

/**
 * What a sync sends: the program of each framework synced that has optional work functions, or a wage schedule key
 * (the Wage schedule sheet's, wage-schedule.ts: present, even undefined, whenever that sheet exists).
 */
export function programsToSync(synced: { framework: Framework; program: ProgramChoice }[]): Programs {
  return Object.fromEntries(
    synced
      .filter((s) => optionalOf(s.framework).length || 'wageSchedule' in s.program)
      .map((s) => [s.framework.id, s.program]),
  );
}

/** Validates the choice (each framework one of the program's, each id an optional work function) and stores it. */
export function writePrograms(input: unknown, frameworks: Framework[]): void {
  const parsed = Programs.safeParse(input);
  if (!parsed.success) throw new Error(`Optional work functions not saved: ${parsed.error.issues[0]!.message}`);
  const errors: string[] = [];
  for (const [fid, choice] of Object.entries(parsed.data)) {
    const framework = frameworks.find((f) => f.id === fid);
    if (!framework) {
      errors.push(`programs.${fid}: "${fid}" is not a framework of this program`);
      continue;
    }
    try {
      checkOptionalWorkFunctions(framework, choice.optionalWorkFunctionIds, `programs.${fid}.optionalWorkFunctionIds`);
    } catch (e) {
      if (!(e instanceof RecordMismatchError)) throw e;
      errors.push(e.message);
    }
  }
  if (errors.length) throw new Error(`Optional work functions not saved:\n${errors.join('\n')}`);
  props().setProperty(KEY, JSON.stringify({ ...readPrograms(), ...parsed.data }));
}

/** For the sidebar: each program framework's optional work functions and which ones run. */
export function programSummaries(programs: Programs, frameworks: Framework[]): ProgramSummary[] {
  return frameworks
    .filter((f) => optionalOf(f).length)
    .map((f) => ({
      frameworkId: f.id,
      title: f.title,
      optional: optionalOf(f).map((wf) => ({ id: wf.id, title: wf.title })),
      defaults: f.program.optionalWorkFunctionsDefault,
      chosen: programOf(programs, f).optionalWorkFunctionIds,
    }));
}
