// Jest runs the TypeScript sources as ES modules (NestJS 12 is ESM-only), so it is started with
// `node --experimental-vm-modules`. Type checking is `npm run typecheck`'s job; ts-jest only transpiles.
const tsJest = [
  'ts-jest',
  { useESM: true, tsconfig: '<rootDir>/test/tsconfig.json', diagnostics: false },
];

const common = {
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.tsx?$': tsJest },
  moduleNameMapper: {
    '^#libs/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};

export default {
  rootDir: '.',
  // The e2e tests start servers, browsers and child processes on a shared two-core machine; five
  // seconds (jest's default) is a race with the load, not a bound worth testing. Speed targets are
  // bench/'s business.
  testTimeout: 30_000,
  // Once per run, whichever projects run: is ../shared (the corpus) there?
  globalSetup: '<rootDir>/test/setup/shared-data-notice.mjs',
  projects: [
    {
      ...common,
      displayName: 'unit',
      rootDir: '.',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/api/src/**/*.spec.ts', '<rootDir>/apps/web/src/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.mjs',
      globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
    },
  ],
};
