import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Role } from '@kinerja/platform';

/** The repository's permission matrix (docs/permission-matrix.json), one table for every service. */
export const PERMISSION_MATRIX_FILE = resolve(__dirname, '../../../docs/permission-matrix.json');

interface RoleCell {
  who: 'anonymous' | Role;
  sub?: string;
  agency?: string;
  applies: 'token' | 'public' | 'token-write';
  services?: string[];
  path?: '%00';
  expect?: number;
  expectNot?: number[];
  code?: string;
  why: string;
}

interface Matrix {
  roles: RoleCell[];
  endpoints: Record<string, Record<string, 'token' | 'public'>>;
}

export interface MatrixTarget {
  service: string;
  /** The running service's base URL. */
  base: string;
  token(role: Role, sub: string, agencyId?: string): Promise<string>;
}

const SAMPLE_NIP = '198001012005011001';
const fill = (path: string, bad: boolean) => {
  let first = true;
  return path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = /nip/i.test(name) ? SAMPLE_NIP : name === 'year' ? '2026' : 'MATRIX-1';
    const out = bad && first ? `${value}%00` : value;
    first = false;
    return out;
  });
};

/**
 * Runs every cell of the matrix that applies to the service against it over HTTP, and checks that
 * the table lists exactly the operations of its OpenAPI document. Returns what failed (empty: all
 * held), one line each, and how many cells ran.
 */
export async function runPermissionMatrix(target: MatrixTarget): Promise<{ failures: string[]; checked: number; endpoints: number }> {
  const matrix = JSON.parse(readFileSync(PERMISSION_MATRIX_FILE, 'utf8')) as Matrix;
  const rows = matrix.endpoints[target.service] ?? {};
  const document = (await (await fetch(`${target.base}/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  const operations = Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
  const failures: string[] = [];
  let checked = 0;
  for (const operation of operations) if (!(operation in rows)) failures.push(`${operation}: no row in ${join('docs', 'permission-matrix.json')}`);
  for (const operation of Object.keys(rows)) if (!operations.includes(operation)) failures.push(`${operation}: a row for an endpoint that does not exist`);

  for (const [operation, kind] of Object.entries(rows)) {
    if (!operations.includes(operation)) continue;
    const [method, path] = operation.split(' ');
    const write = method !== 'GET' && method !== 'HEAD';
    for (const cell of matrix.roles) {
      if (cell.services && !cell.services.includes(target.service)) continue;
      const applies = cell.applies === 'public' ? kind === 'public' : kind === 'token' && (cell.applies === 'token' || write);
      if (!applies) continue;
      if (cell.path === '%00' && !path.includes('{')) continue;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (cell.who !== 'anonymous') headers.authorization = `Bearer ${await target.token(cell.who, cell.sub ?? `${cell.who.toLowerCase()}.matrix`, cell.agency)}`;
      checked++;
      const res = await fetch(`${target.base}${fill(path, cell.path === '%00')}`, { method, headers, ...(write ? { body: '{}' } : {}) });
      const body = (await res.json().catch(() => ({}))) as { code?: string };
      const label = `${operation} as ${cell.who}${cell.sub ? ` ${cell.sub}` : ''}${cell.path ? ` with ${cell.path}` : ''}`;
      if (cell.expect !== undefined && res.status !== cell.expect) failures.push(`${label}: ${res.status} ${body.code ?? ''}, expected ${cell.expect} (${cell.why})`);
      else if (cell.code !== undefined && body.code !== cell.code) failures.push(`${label}: code ${body.code}, expected ${cell.code} (${cell.why})`);
      if (cell.expectNot?.includes(res.status)) failures.push(`${label}: ${res.status}, must not be (${cell.why})`);
    }
  }
  return { failures, checked, endpoints: operations.length };
}

/** One request of a relation cell: who asks what, and what must come back. `{name}` is filled from the city's names. */
export interface RelationRequest {
  service: string;
  method: string;
  path: string;
  as: { role: Role; person?: string; sub?: string; agency?: string };
  body?: unknown;
  expect: number;
  code?: string;
}

interface RelationCell {
  finding: number | string;
  service: string;
  request: string;
  expect: string;
  test?: string;
  run?: RelationRequest[];
}

/** Who a cell's request is sent as: a token's subject, role and agency. */
export interface CellIdentity {
  role: Role;
  sub: string;
  agencyId?: string;
}

export interface RelationTarget {
  /** City names (`pegawai`, `complaint` ...) → their NIP or id. */
  names: Record<string, string>;
  /** A person's agency, for their token. */
  agencyOf(name: string): string | undefined;
  send(service: string, method: string, path: string, who: CellIdentity, body: unknown): Promise<{ status: number; code?: string }>;
}

const fillNames = (value: unknown, names: Record<string, string>): unknown => {
  if (typeof value === 'string')
    return value.replace(/\{([a-z]+)\}/g, (_m, name: string) => {
      if (!(name in names)) throw new Error(`the permission matrix names {${name}}, which the city does not have`);
      return names[name];
    });
  if (Array.isArray(value)) return value.map((v) => fillNames(v, names));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillNames(v, names)]));
  return value;
};

/** The matrix's relation cells (docs/permission-matrix.json `cells`): those with `run`, and those naming the test that runs them. */
export function relationCells(): { runnable: RelationCell[]; elsewhere: RelationCell[] } {
  const matrix = JSON.parse(readFileSync(PERMISSION_MATRIX_FILE, 'utf8')) as { cells: RelationCell[] };
  return { runnable: matrix.cells.filter((c) => c.run?.length), elsewhere: matrix.cells.filter((c) => !c.run?.length) };
}

/**
 * Performs every request of every runnable relation cell as its role, person and agency say, and
 * returns what did not come back as the table expects (empty: all held) and how many ran.
 */
export async function runRelationCells(target: RelationTarget): Promise<{ failures: string[]; checked: number }> {
  const failures: string[] = [];
  let checked = 0;
  for (const cell of relationCells().runnable) {
    for (const request of cell.run ?? []) {
      const { as } = request;
      const sub = as.person ? target.names[as.person] : as.sub;
      if (!sub) throw new Error(`a cell of finding ${cell.finding} sends as nobody: ${JSON.stringify(as)}`);
      const agencyId = as.agency ?? (as.person ? target.agencyOf(as.person) : undefined);
      const path = fillNames(request.path, target.names) as string;
      const res = await target.send(request.service, request.method, path, { role: as.role, sub, ...(agencyId ? { agencyId } : {}) }, fillNames(request.body, target.names));
      checked++;
      const label = `finding ${cell.finding}: ${request.method} ${request.service} ${path} as ${as.role} ${as.person ?? as.sub}`;
      if (res.status !== request.expect) failures.push(`${label}: ${res.status} ${res.code ?? ''}, expected ${request.expect}${request.code ? ` ${request.code}` : ''}`);
      else if (request.code && res.code !== request.code) failures.push(`${label}: code ${res.code}, expected ${request.code}`);
    }
  }
  return { failures, checked };
}
