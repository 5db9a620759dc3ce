// One Jest run for the whole repository. `npm test` calls it through scripts/run-tests.ts, which first builds
// the Keycloak extension with its Java unit tests and prints the combined total at the end.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
      // `import … with { type: 'json' }` must reach Node as written.
      experimental: { keepImportAttributes: true },
    },
    module: { type: 'es6' },
  },
];

const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  // TypeScript sources import siblings with a .js suffix (NodeNext); map them back to the .ts files.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};

export default {
  // Per-project timeouts are ignored by Jest; integration tests against a real Keycloak need the room.
  testTimeout: 120_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/contract/test/**/*.test.ts',
        '<rootDir>/stack/test/**/*.test.ts',
        '<rootDir>/provisioner/test/unit/**/*.test.ts',
        '<rootDir>/tests/unit/**/*.test.ts',
      ],
    },
    {
      ...common,
      displayName: 'component',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/admin-plugin/test/**/*.test.tsx', '<rootDir>/admin-plugin/test/**/*.test.ts'],
      // Stylesheets (ours and PatternFly's) mean nothing in jsdom.
      moduleNameMapper: { '\\.css$': '<rootDir>/admin-plugin/test/support/style-stub.cjs', ...common.moduleNameMapper },
      setupFilesAfterEnv: ['<rootDir>/admin-plugin/test/support/setup.ts'],
    },
    {
      ...common,
      displayName: 'containers',
      testMatch: ['<rootDir>/tests/containers/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/containers/support/global-setup.mjs',
      globalTeardown: '<rootDir>/tests/containers/support/global-teardown.mjs',
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts', '<rootDir>/tests/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.mjs',
      globalTeardown: '<rootDir>/tests/support/global-teardown.mjs',
    },
  ],
};
