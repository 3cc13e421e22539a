import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';
import { ROLES, SLICED_SERVICES, sliceTable, slicesOf } from './slices';

const DOC = join(REPO_ROOT, 'docs/architecture.md');
const BEGIN = '<!-- slices:begin -->';
const END = '<!-- slices:end -->';

describe('docs/architecture.md', () => {
  it('shows every slice of the four services with its files by role, as the code has them', () => {
    const doc = readFileSync(DOC, 'utf8');
    const table = sliceTable();
    const current = doc.slice(doc.indexOf(BEGIN) + BEGIN.length, doc.indexOf(END)).trim();
    if (process.env.UPDATE_ARCHITECTURE_DOC === '1' && current !== table) {
      writeFileSync(DOC, doc.replace(doc.slice(doc.indexOf(BEGIN), doc.indexOf(END) + END.length), `${BEGIN}\n${table}\n${END}`));
      return;
    }
    expect(current).toBe(table);
  });

  it('finds the roles by the same file names in every service', () => {
    for (const service of SLICED_SERVICES) {
      const roles = new Set(slicesOf(service).flatMap((s) => Object.keys(s.byRole)));
      // Every service has controllers, modules, deciders, events, queries, projections and entities.
      for (const role of ['controller', 'module', 'decider', 'events', 'query', 'projection', 'entity']) expect([service, roles.has(role)]).toEqual([service, true]);
    }
    expect(ROLES.map(([role]) => role)).toContain('rules');
  });
});
