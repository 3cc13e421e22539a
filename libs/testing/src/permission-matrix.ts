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

/**
 * The web service's kinds of endpoint (docs/permission-matrix.json `endpoints.web`): `public` (anyone),
 * `form` (a citizen's POST: needs the form token of a page this service rendered), `csrf` (needs the
 * session's CSRF header), `session` (needs a signed-in console session).
 */
type WebKind = 'public' | 'form' | 'csrf' | 'session';

interface WebCell {
  /** `EMPLOYEE`: a browser signed in to the console as an employee (WebMatrixTarget.session). */
  who: 'anonymous' | 'EMPLOYEE';
  applies: WebKind | 'any';
  /** Only the rows that change something (not GET). */
  writes?: boolean;
  /** Send the session's CSRF header (default true for a signed-in browser). */
  csrf?: boolean;
  path?: '%00';
  expect?: number;
  expectNot?: number[];
  code?: string;
  why: string;
}

export interface WebMatrixTarget {
  /** The running web service's base URL. */
  base: string;
  /** Its routes as `METHOD /path/{param}` (the Nest router's; see webRoutesOf). */
  routes: string[];
  /** A console session signed in as an employee: its cookie header and CSRF token. */
  session: { cookie: string; csrf: string };
}

/** The platform's own routes, the same on every service (libs/platform: /health, /metrics, /docs). */
const isPlatformRoute = (path: string) => path === '/metrics' || path === '/health' || path.startsWith('/health/') || path === '/docs' || path.startsWith('/docs/') || path.startsWith('/docs-');

/** The routes of a running Nest app on Express (5), as `METHOD /path/{param}`: ApiExcluded pages included, the platform's left out. */
export function webRoutesOf(expressApp: unknown): string[] {
  const stack = ((expressApp as { router?: { stack?: unknown[] } }).router?.stack ?? []) as Array<{ route?: { path: string; methods: Record<string, boolean> } }>;
  const routes = new Set<string>();
  for (const layer of stack) {
    if (!layer.route || typeof layer.route.path !== 'string') continue;
    const path = layer.route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\/$/, '') || '/';
    if (isPlatformRoute(path)) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') routes.add(`${method.toUpperCase()} ${path}`);
  }
  return [...routes].sort();
}

/** The proxy `/api/<service>/...` is middleware, not a route: its rows are run but not looked up among the routes. */
const isMiddlewareRow = (operation: string) => /^[A-Z]+ \/api\//.test(operation);

const fillWeb = (path: string, bad: boolean) => {
  let first = true;
  return path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = name === 'service' ? 'work-planning' : name === 'path' ? 'agencies' : name === 'code' ? 'ABCD-EFGH-JKMN' : 'MATRIX-1';
    const out = bad && first ? `${value}%00` : value;
    first = false;
    return out;
  });
};

/**
 * docs/permission-matrix.json for the web service: every route has a row (and every row a route),
 * and every `webRoles` cell holds for every row it applies to, run over HTTP as an anonymous browser.
 * What a signed-in person may read or change is decided by the four services (their own matrix),
 * which the web service calls with the person's token.
 */
export async function runWebPermissionMatrix(target: WebMatrixTarget): Promise<{ failures: string[]; checked: number; endpoints: number }> {
  const matrix = JSON.parse(readFileSync(PERMISSION_MATRIX_FILE, 'utf8')) as { webRoles: WebCell[]; webBodies?: Record<string, unknown>; endpoints: Record<string, Record<string, WebKind>> };
  const rows = matrix.endpoints.web ?? {};
  const failures: string[] = [];
  let checked = 0;
  for (const route of target.routes) if (!(route in rows)) failures.push(`${route}: no row in docs/permission-matrix.json (endpoints.web)`);
  for (const operation of Object.keys(rows)) if (!isMiddlewareRow(operation) && !target.routes.includes(operation)) failures.push(`${operation}: a row for a route that does not exist`);
  for (const [operation, kind] of Object.entries(rows)) {
    const [method, path] = operation.split(' ');
    for (const cell of matrix.webRoles) {
      if (cell.applies !== 'any' && cell.applies !== kind) continue;
      if (cell.path === '%00' && !path.includes('{')) continue;
      const write = method !== 'GET' && method !== 'HEAD';
      if (cell.writes && !write) continue;
      checked++;
      const json = matrix.webBodies?.[operation];
      const signedIn = cell.who === 'EMPLOYEE' ? { cookie: target.session.cookie, ...(cell.csrf === false ? {} : { 'x-csrf-token': target.session.csrf }) } : {};
      const res = await fetch(`${target.base}${fillWeb(path, cell.path === '%00')}`, {
        method,
        redirect: 'manual',
        headers: { accept: 'application/json', ...signedIn, ...(write ? { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' } : {}) },
        ...(write ? { body: json ? JSON.stringify(json) : 'kode=ABCD-EFGH-JKMN' } : {}),
      });
      const body = (await res.json().catch(() => ({}))) as { code?: string };
      const label = `${operation} as ${cell.who}${cell.csrf === false ? ' without the CSRF header' : ''}${cell.path ? ` with ${cell.path}` : ''}`;
      if (cell.expect !== undefined && res.status !== cell.expect) failures.push(`${label}: ${res.status} ${body.code ?? ''}, expected ${cell.expect} (${cell.why})`);
      else if (cell.code !== undefined && body.code !== cell.code) failures.push(`${label}: code ${body.code}, expected ${cell.code} (${cell.why})`);
      if (cell.expectNot?.includes(res.status)) failures.push(`${label}: ${res.status} ${body.code ?? ''}, must not be (${cell.why})`);
    }
  }
  return { failures, checked, endpoints: Object.keys(rows).length };
}
