// The one seam between the consultant's sheets and an apprentice's status (on-track, at-risk, off-track). The status
// rule, its labels and colours belong to the engine (`ProgressSummary.status`, STATUS_LABEL and STATUS_COLOURS, added
// in parallel): until they land, stored progress has no status, the Status cells stay blank and these defaults
// only name the labels the rule will write. When it lands, replace the two constants below with its exports.
import type { Area, ConditionalText } from './plan';

export type ApprenticeStatus = 'on-track' | 'at-risk' | 'off-track';
/** What the engine's summary may carry (optional: progress stored before the rule has none). */
export interface StatusCarrier {
  status?: { status: ApprenticeStatus; reason: string } | null;
  lastActivity?: string | null;
}

const STATUS_LABEL: Record<ApprenticeStatus, string> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
};
const STATUS_COLOURS: Record<ApprenticeStatus, { background: string; color: string }> = {
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
  (Object.keys(STATUS_LABEL) as ApprenticeStatus[]).map((s) => ({
    area,
    textEquals: STATUS_LABEL[s],
    ...STATUS_COLOURS[s],
  }));
