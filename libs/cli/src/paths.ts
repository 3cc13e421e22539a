import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (libs/cli/src is three levels down). */
export const REPO_ROOT = resolve(__dirname, '../../..');

/** Where the CLI keeps embedded PostgreSQL's data and the local keys; KINERJA_DATA_DIR moves it. */
export const DATA_DIR = resolve(process.env.KINERJA_DATA_DIR ?? join(REPO_ROOT, '.data'));

export interface ServiceEntry {
  name: string;
  dir: string;
  main: string;
  /** The port of the embedded default (`"kinerja": { "port": ... }` in its package.json). */
  port: number;
}

/** Services that declare a port in `services/<name>/package.json` under `kinerja.port`. */
export function discoverServices(root = REPO_ROOT): ServiceEntry[] {
  const servicesDir = join(root, 'services');
  if (!existsSync(servicesDir)) return [];
  const found: ServiceEntry[] = [];
  for (const name of readdirSync(servicesDir).sort()) {
    const pkgPath = join(servicesDir, name, 'package.json');
    if (!existsSync(pkgPath)) continue;
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { kinerja?: { port?: unknown } };
    const port = pkg.kinerja?.port;
    if (typeof port !== 'number') continue;
    const dir = join(servicesDir, name);
    found.push({ name, dir, main: join(dir, 'src/main.ts'), port });
  }
  return found.sort((a, b) => a.port - b.port);
}
