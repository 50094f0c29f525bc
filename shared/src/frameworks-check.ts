// The check that lets ./frameworks-data.ts type the shipped frameworks without parsing them at run time: each one
// parses (Framework) to exactly itself, so nothing a parse would add, drop or refuse is missing. Run at build time
// (addon/build.ts) and by test/unit/frameworks-shipped.test.ts; never in a bundle.
import { canonicalJson } from './canonical';
import { formatIssues } from './model/errors';
import { Framework } from './model/framework';

/** The frameworks, checked: throws naming the framework that does not parse, or that parses to something else. */
export function checkShippedFrameworks(frameworks: unknown[]): Framework[] {
  return frameworks.map((data, i) => {
    const id = (data as { id?: unknown }).id ?? `#${i}`;
    const parsed = Framework.safeParse(data);
    if (!parsed.success) throw new Error(`shipped framework ${id} does not parse: ${formatIssues(parsed.error)}`);
    if (canonicalJson(parsed.data) !== canonicalJson(data))
      throw new Error(
        `shipped framework ${id} is not in its parsed form (defaults missing?): run npm run import-seeds`,
      );
    return parsed.data;
  });
}
