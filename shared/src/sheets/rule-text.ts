// The templates' help texts name rules ("at most {maxTextLength} characters"): the values are filled in from the
// one definition of each rule, so a help text cannot state another limit than the validation enforces.
import { RULES } from '../engine/rules';
import { ID_RULE } from '../model/ids';
import { MAX_PROGRAM_MONTHS, MAX_TEXT_LENGTH } from '../model/limits';

const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export const RULE_TEXT: Readonly<Record<string, string>> = {
  idRule: ID_RULE,
  maxTextLength: thousands(MAX_TEXT_LENGTH),
  maxHoursPerDay: String(RULES.maxHoursPerDay),
  maxProgramMonths: String(MAX_PROGRAM_MONTHS),
};

const fillRules = (value: unknown): unknown => {
  if (typeof value === 'string') return value.replace(/\{(\w+)\}/g, (m, k: string) => RULE_TEXT[k] ?? m);
  if (Array.isArray(value)) return value.map(fillRules);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillRules(v)]));
  return value;
};

/** A template with its rule placeholders filled in; other placeholders ("{name}") are left for `fill`. */
export const withRuleText = <T>(template: T): T => fillRules(template) as T;
