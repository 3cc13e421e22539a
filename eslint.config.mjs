// Lint config: TypeScript rules plus the architectural boundaries (ARCHITECTURE §3).
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const FRAMEWORK_IMPORTS = [
  '@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'pg-*', 'kafkajs', '@eventstore/*', 'express', 'pino', 'prom-client',
  '@kinerja/platform', '@kinerja/projections', '@kinerja/messaging', '@kinerja/testing', '@kinerja/cli',
];

/** Files that hold domain logic only. */
export const DOMAIN_FILES = ['**/*.decider.ts', '**/*.events.ts', '**/*.projection.ts', '**/*.rules.ts', 'services/*/src/rule-sets/*.ts'];

/** The architectural boundaries; `npm run lint` builds the Nx project graph first, or the rule would skip. */
function boundaries(allow) {
  return {
    enforceBuildableLibDependency: false,
    allow,
    depConstraints: [
      // services depend only on libs; never on another service
      { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
      // libs never depend on services (or on the CLI)
      { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
      // contracts depend on nothing
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
      { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
    ],
  };
}

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', '.nx/**', '.keycloak/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': ['error', boundaries([])],
    },
  },
  {
    // Tests and benches of a lib use the test harness (@kinerja/testing), which itself builds on the
    // platform: allowed there, and kept out of the project graph by `"implicitDependencies":
    // ["!@kinerja/testing"]` in those libs' package.json, so it forms no cycle for production code.
    files: ['**/*.spec.ts', '**/test/**/*.ts', '**/bench/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries(['@kinerja/testing'])] },
  },
  {
    // Domain files import no framework (STYLE §1, §8): deciders, internal events, projections, pure
    // rules (`*.rules.ts`) and the versioned rule sets. Tested by libs/domain's no-framework probe.
    files: DOMAIN_FILES,
    ignores: ['**/*-lookups.ts', '**/*.module.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: FRAMEWORK_IMPORTS, message: 'Domain files (decider, events, projection, rules, rule sets) import no framework.' }] }],
    },
  },
  {
    // contracts is read by outside subscribers: no runtime dependency beyond its schema validator.
    files: ['libs/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@kinerja/*', '@nestjs/*', 'typeorm', 'pg', 'kafkajs'], message: 'contracts depends on nothing.' }] }],
    },
  },
];
