// The one seam between the consultant's sheets and an apprentice's status (on-track, at-risk, off-track). The status
// rule, its labels and colours belong to the engine (`Progress.status`, STATUS_LABEL and STATUS_COLOURS in
// engine/status.ts, with statusCells / statusFormatRules in ./apprentice-status.ts, added in parallel): until they
// land, stored progress has no status and the Status cells stay blank. When they land, statusOf is statusCells and
// apprenticeStatusFormats is statusFormatRules, and the two constants below go.
import type { Area, ConditionalText } from './plan';

type Level = 'on-track' | 'at-risk' | 'off-track';
/** What the engine's summary may carry (optional: progress stored before the rule has none). */
export interface StatusCarrier {
  status?: { status: Level; reason: string } | null;
  lastActivity?: string | null;
}

const STATUS_LABEL: Record<Level, string> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
};
const STATUS_COLOURS: Record<Level, { background: string; color: string }> = {
  'on-track': { background: '#e6f4ea', color: '#137333' },
  'at-risk': { background: '#fef7e0', color: '#b06000' },
  'off-track': { background: '#fce8e6', color: '#c5221f' },
};

/** The Status cell's label and reason, or nulls when the stored progress has no status. */
export function statusOf(p: StatusCarrier): { label: string | null; reason: string | null } {
  const s = p.status;
  return s && s.status in STATUS_LABEL
    ? { label: STATUS_LABEL[s.status], reason: s.reason }
    : { label: null, reason: null };
}

/** One conditional format per status over a Status column: colours follow the label, never per-cell fills. */
export const apprenticeStatusFormats = (area: Area): ConditionalText[] =>
  (Object.keys(STATUS_LABEL) as Level[]).map((s) => ({
    area,
    textEquals: STATUS_LABEL[s],
    ...STATUS_COLOURS[s],
  }));
