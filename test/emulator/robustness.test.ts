// The bad-input robustness suite on a small sample (QUALCARD_ROBUSTNESS_RUNS, default 200 per write endpoint, a
// fixed seed) plus the quick cases of the manual finding: every request refused with a 4xx JSON error, none
// writing. `npm run robustness` runs the full suite (10,000 per endpoint and the slow cases); see test/robustness/.
import { optionsFromEnv, runSuite } from '../robustness/suite';

test('bad requests to every write endpoint are refused with a 4xx JSON error and write nothing', async () => {
  const options = optionsFromEnv({
    runs: 200,
    seed: 20261124,
    fullFindings: false,
    log: () => undefined,
  });
  const { failures, report, figure } = await runSuite(options);
  if (failures.length) console.log([...report, figure].join('\n'));
  expect({ figure, failures: failures.length }).toEqual({
    figure: expect.stringMatching(/ 0 5xx, 0 writes on rejection$/),
    failures: 0,
  });
}, 1_800_000);
