import { readFileSync } from 'node:fs';
import { DEFAULT_RULE_SETS } from './default-rule-set';
import { RuleSet, validateRuleSetRegistry } from './rule-set';

/**
 * The versions the service knows: the built-in 2022.1 plus the ones an operator adds as data
 * (a JSON array in a file or in a variable). A correction is a new version, never an edit, so a
 * configured version may not reuse a built-in one. Returns the registry and every problem found.
 */
export function loadRuleSetRegistry(source: { file?: string; json?: string }): { ruleSets: RuleSet[]; problems: string[] } {
  const problems: string[] = [];
  const extra: RuleSet[] = [];
  const read = (name: string, text: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      problems.push(`${name}: not JSON (${(error as Error).message})`);
      return;
    }
    const list = Array.isArray(parsed) ? parsed : [parsed];
    for (const item of list) extra.push(item as RuleSet);
  };
  if (source.file !== undefined) {
    try {
      read('RULE_SETS_FILE', readFileSync(source.file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== undefined) problems.push(`RULE_SETS_FILE: cannot read ${source.file} (${(error as Error).message})`);
      else throw error;
    }
  }
  if (source.json !== undefined) read('RULE_SETS_JSON', source.json);
  const ruleSets = [...DEFAULT_RULE_SETS, ...extra];
  for (const issue of validateRuleSetRegistry(ruleSets)) problems.push(`rule set ${issue.path}: ${issue.problem}`);
  return { ruleSets, problems };
}
