// Test tiers, named for what they need beyond Node (package.json has one `test:<tier>` script each):
//   unit      test/unit      Node only. A setup file refuses to spawn LibreOffice, Chromium, Java or the Firebase CLI.
//   office    test/office    starts LibreOffice (`soffice`) to open the workbooks we write.
//   browser   test/browser   drives Debian's Chromium through playwright-core.
//   deploy    test/deploy    builds and installs the functions folder as a deploy would (slow: npm install).
//   emulator  test/emulator  runs inside `firebase emulators:exec` (scripts/with-emulators.sh, one run at a time).
//                            cohort.test.ts and transcripts.test.ts also start LibreOffice: they need both, and
//                            stay here because the emulators are the scarcer of the two.
// ts-jest transpiles file by file (tsconfig.json sets isolatedModules); `npm run typecheck` checks the types.
const ESM = '(jose|@digitalbazaar|@digitalcredentials|base58-universal|base64url-universal|ky)';
const base = {
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }],
    [`/node_modules/${ESM}/.+\\.js$`]: '<rootDir>/test/setup/esm-to-cjs.js',
  },
  // ESM-only packages Jest must transform (test/setup/esm-to-cjs.js): jose 6, and the Data Integrity libraries
  // (@digitalbazaar/*, @digitalcredentials/*) with their ESM dependencies.
  transformIgnorePatterns: [`/node_modules/(?!${ESM}/)`],
  moduleNameMapper: {
    '^@qualcard/shared$': '<rootDir>/shared/src/index.ts',
    '^@qualcard/shared/(.*)$': '<rootDir>/shared/src/$1',
  },
  testEnvironment: 'node',
};
module.exports = {
  // One worker per core: Jest's default (cores - 1) is a single worker on the 2-core machine, and many files wait on
  // LibreOffice, Chromium, npm or esbuild (unit + office + browser: 12 s -> 9 s). The emulator tier runs in band.
  maxWorkers: '100%',
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/setup/node-only.ts'],
    },
    { ...base, displayName: 'office', testMatch: ['<rootDir>/test/office/**/*.test.ts'] },
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
    {
      ...base,
      displayName: 'deploy',
      testMatch: ['<rootDir>/test/deploy/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup/deploy.ts'],
    },
    {
      ...base,
      displayName: 'emulator',
      testMatch: ['<rootDir>/test/emulator/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/setup/emulator.ts'],
    },
  ],
};
