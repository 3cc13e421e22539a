import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The lint rule that keeps domain files free of frameworks (eslint.config.mjs, DOMAIN_FILES) does
 * catch a framework import in every kind of domain file, and only there: probes, linted by the
 * repository's own ESLint as if they stood in a service's source, must fail. (One child process:
 * Jest's module sandbox cannot load ESLint's ESM configuration.)
 */
const REPO_ROOT = join(__dirname, '../../..');
const PROBE = "import { Pool } from 'pg';\nexport const pool = (url: string) => new Pool({ connectionString: url });\n";
const DOMAIN_PROBES = [
  'services/evaluation/src/evaluations/probe.decider.ts',
  'services/evaluation/src/evaluations/probe.events.ts',
  'services/work-planning/src/skps/get-skp/probe.projection.ts',
  'services/evaluation/src/probe.rules.ts',
  'services/career-decisions/src/eligibility/probe.rules.ts',
  'services/evaluation/src/rule-sets/probe.ts',
];
const ADAPTER_PROBE = 'services/evaluation/src/evaluations/probe.controller.ts';

const LINT_SCRIPT = `
const { ESLint } = require('eslint');
const { files, source } = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
(async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = {};
  for (const file of files) {
    const [result] = await eslint.lintText(source, { filePath: require('node:path').join(process.cwd(), file) });
    out[file] = result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  }
  process.stdout.write('\\n@@lint-result@@' + JSON.stringify(out));
})();
`;

describe('no framework in domain files (lint)', () => {
  let restricted: Record<string, string[]>;
  beforeAll(() => {
    const lint = spawnSync(process.execPath, ['-e', LINT_SCRIPT], {
      cwd: REPO_ROOT,
      input: JSON.stringify({ files: [...DOMAIN_PROBES, ADAPTER_PROBE], source: PROBE }),
      encoding: 'utf8',
    });
    if (lint.status !== 0) throw new Error(lint.stderr);
    // Plugins may print to stdout first (Nx's boundaries rule warns when its project graph is not cached yet).
    const at = lint.stdout.lastIndexOf('@@lint-result@@');
    if (at < 0) throw new Error(`no lint result in: ${lint.stdout.slice(0, 500)}`);
    restricted = JSON.parse(lint.stdout.slice(at + '@@lint-result@@'.length));
  });

  it.each(DOMAIN_PROBES)('refuses pg in %s', (file) => {
    expect(restricted[file]).toEqual([expect.stringMatching(/import no framework/)]);
  });

  it('allows it where adapters live (a controller)', () => {
    expect(restricted[ADAPTER_PROBE]).toEqual([]);
  });
});
