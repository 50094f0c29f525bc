// The deploy tier builds and installs the functions folder (npm install): minutes, not seconds.
// Jest 29 has no per-project testTimeout, so the tier sets its own here.
jest.setTimeout(300_000);
