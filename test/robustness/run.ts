// The full robustness run (npm run robustness, inside the emulators): QUALCARD_ROBUSTNESS_RUNS bad requests per
// write endpoint (default 10,000), then the summary and, last, the figure line. Exits 1 on any failure.
import { optionsFromEnv, runSuite } from './suite';

async function main(): Promise<number> {
  const { failures, report, figure } = await runSuite(optionsFromEnv({ runs: 10_000 }));
  for (const line of report) console.log(line);
  console.log(figure);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(2);
  },
);
