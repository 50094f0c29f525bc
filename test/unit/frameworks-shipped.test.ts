// The shipped frameworks are typed without a parse at run time (shared/src/frameworks-data.ts): that holds because
// each file is exactly its Framework.parse output, which checkShippedFrameworks checks here and in the add-on build.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Framework, shippedFrameworks } from '../../shared/src';
import { checkShippedFrameworks } from '../../shared/src/frameworks-check';
import { loadShippedFrameworks } from '../../shared/src/frameworks-data';

const DIR = join(__dirname, '../../shared/frameworks');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

test('every framework file in shared/frameworks is shipped', () => {
  expect(
    shippedFrameworks()
      .map((f) => `${f.id}.json`)
      .sort(),
  ).toEqual(files.sort());
});

test.each(files)('%s is exactly what Framework.parse makes of it', (file) => {
  const data: unknown = JSON.parse(readFileSync(join(DIR, file), 'utf8'));
  expect(Framework.parse(data)).toStrictEqual(data);
});

test('the check passes the shipped frameworks through unchanged, and they are what shippedFrameworks() gives', () => {
  expect(checkShippedFrameworks(loadShippedFrameworks())).toStrictEqual(shippedFrameworks());
});

describe('the check refuses', () => {
  const nitas = () => structuredClone(loadShippedFrameworks()[0]!) as unknown as Record<string, unknown>;

  test('a framework that does not parse, naming it and the field', () => {
    const bad = { ...nitas(), version: '' };
    expect(() => checkShippedFrameworks([bad])).toThrow(/shipped framework nitas-help-desk does not parse: version/);
  });

  test('a framework that parses to something else (a default missing), which its type would misstate', () => {
    const { notes: _, ...noNotes } = nitas();
    expect(Framework.safeParse(noNotes).success).toBe(true);
    expect(() => checkShippedFrameworks([noNotes])).toThrow(/nitas-help-desk is not in its parsed form/);
  });
});
