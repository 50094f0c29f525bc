// Seeding once per file instead of before every test: most tests only read the seeded data (or make requests that
// must be refused and are checked to write nothing). A test that does write says so by calling `changes()` first;
// the next test then starts from a fresh seed.
export interface SeedOnce {
  /** This test writes to the seeded data: seed again before the next test. */
  changes(): void;
}

export function seedOnce(seed: () => Promise<void>): SeedOnce {
  let fresh = false;
  beforeEach(async () => {
    if (fresh) return;
    await seed();
    fresh = true;
  });
  return {
    changes: () => {
      fresh = false;
    },
  };
}
