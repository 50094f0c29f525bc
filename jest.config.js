// Test projects: `unit` needs nothing but Node; `emulator` runs inside `firebase emulators:exec`;
// `browser` drives Debian's Chromium. `npm test` runs them all.
const base = {
  transform: { '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }] },
  moduleNameMapper: {
    '^@qualcard/shared$': '<rootDir>/shared/src/index.ts',
    '^@qualcard/shared/(.*)$': '<rootDir>/shared/src/$1',
  },
  testEnvironment: 'node',
};
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...base, displayName: 'emulator', testMatch: ['<rootDir>/test/emulator/**/*.test.ts'] },
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
};
