import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './paths';

/** The four event-sourced services, whose slices read alike (docs/architecture.md). */
export const SLICED_SERVICES = ['work-planning', 'feedback-intake', 'evaluation', 'career-decisions'] as const;

/** A file's role in a slice, by its suffix: the same names in every service. */
export const ROLES = [
  ['controller', /\.controller\.ts$/],
  ['module', /\.module\.ts$/],
  ['decider', /\.decider\.ts$/],
  ['events', /\.events\.ts$/],
  ['rules', /\.rules\.ts$/],
  ['lookups', /-lookups\.ts$/],
  ['query', /\.query\.ts$/],
  ['projection', /\.projection\.ts$/],
  ['entity', /\.entity\.ts$/],
  ['consumer', /\.consumer\.ts$/],
  ['reactor', /\.reactor\.ts$/],
] as const;

export interface SliceFiles {
  service: string;
  slice: string;
  byRole: Record<string, string[]>;
  /** Files that have none of the role suffixes (plumbing of the slice). */
  other: string[];
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Every slice (a top-level folder of a service's `src`, migrations and relay aside) with its files by role. */
export function slicesOf(service: string, root = REPO_ROOT): SliceFiles[] {
  const src = join(root, 'services', service, 'src');
  return readdirSync(src)
    .filter((name) => statSync(join(src, name)).isDirectory() && !['migrations', 'relay', 'rule-sets'].includes(name))
    .sort()
    .map((slice) => {
      const files = walk(join(src, slice))
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
        .map((f) => relative(join(src, slice), f))
        .sort();
      const byRole: Record<string, string[]> = {};
      const other: string[] = [];
      for (const file of files) {
        const role = ROLES.find(([, pattern]) => pattern.test(file));
        if (role) (byRole[role[0]] ??= []).push(file);
        else other.push(file);
      }
      return { service, slice, byRole, other };
    });
}

/** The markdown table of docs/architecture.md: one row per slice, a column per role. */
export function sliceTable(root = REPO_ROOT): string {
  const header = ['service', 'slice', ...ROLES.map(([role]) => role), 'other'];
  const rows = SLICED_SERVICES.flatMap((service) =>
    slicesOf(service, root).map((s) => {
      const cell = (files: string[] | undefined) => (files?.length ? files.map((f) => '`' + f.replace(/\.ts$/, '') + '`').join('<br>') : '');
      return [service, s.slice, ...ROLES.map(([role]) => cell(s.byRole[role])), cell(s.other)];
    }),
  );
  return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}
