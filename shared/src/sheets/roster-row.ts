// A roster row as the plans use it: the apprentice plus the prior credit the sponsor granted at enrolment.
import type { Apprentice, HoursCategory } from './model';
export interface RosterCredit {
  category: HoursCategory;
  hours: number;
}
export interface RosterRow {
  /** 1-based row in the Roster sheet, for error messages. */
  row: number;
  apprentice: Apprentice;
  priorCredit: RosterCredit[];
}
