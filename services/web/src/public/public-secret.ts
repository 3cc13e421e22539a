import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The secret of the citizens' pages (form tokens, officers' opaque ids): PUBLIC_PAGES_SECRET when
 * given (every instance behind a load balancer needs the same), else a random one kept in
 * `<AUTH_LOCAL_KEY_DIR>/public-pages.key` (0600), so officers' printed QR codes survive a restart.
 */
export async function publicPagesSecret(config: { PUBLIC_PAGES_SECRET?: string; AUTH_LOCAL_KEY_DIR: string }): Promise<Buffer> {
  if (config.PUBLIC_PAGES_SECRET) return Buffer.from(config.PUBLIC_PAGES_SECRET, 'utf8');
  const file = join(config.AUTH_LOCAL_KEY_DIR, 'public-pages.key');
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(config.AUTH_LOCAL_KEY_DIR, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32);
  try {
    await writeFile(file, secret.toString('base64url'), { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    // Another instance on the same folder wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
  }
}
