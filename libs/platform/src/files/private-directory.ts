import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * A folder for secrets (signing keys): itself private to its owner (0700), while the missing folders
 * above it get the usual permissions. Creating `.data/auth` with `recursive` and 0700 would make
 * `.data` private too, and embedded PostgreSQL, which runs as the `postgres` user when started by
 * root, could then not reach `.data/pg`. An existing folder keeps its mode.
 */
export async function ensurePrivateDirectory(dir: string): Promise<void> {
  const absolute = resolve(dir);
  await mkdir(dirname(absolute), { recursive: true });
  await mkdir(absolute, { recursive: true, mode: 0o700 });
}
