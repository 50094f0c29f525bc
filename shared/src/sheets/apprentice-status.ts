// The apprentice status (engine/status.ts) in a sheet: conditional formats keyed on the label text, one per
// status, so a cell is coloured by what it says and no fill is typed per cell. Used by the Dashboard, the
// consultant's Cohort sheet and, through ./xlsx-format, the workbooks the functions write.
import { STATUS_COLOURS, STATUS_LABEL, STATUS_LEVELS } from '../engine/status';
import type { Progress } from '../model/progress';
import type { Area, ConditionalText } from './plan';

/** The text rules without a place: the label and its colours, for any renderer. */
export const STATUS_TEXT_FORMATS: readonly Omit<ConditionalText, 'area'>[] = STATUS_LEVELS.map((s) => ({
  textEquals: STATUS_LABEL[s],
  background: STATUS_COLOURS[s].background,
  color: STATUS_COLOURS[s].font,
}));

/** One conditional format per status over `area` (a Status column). */
export const statusFormatRules = (area: Area): ConditionalText[] => STATUS_TEXT_FORMATS.map((f) => ({ area, ...f }));

/** The Status and Reason cells of a progress: blank for a progress stored before the engine gave a status. */
export function statusCells(p: Pick<Progress, 'status'>): [string, string] {
  const s = (p as Partial<Progress>).status;
  return s ? [STATUS_LABEL[s.status], s.reason] : ['', ''];
}
