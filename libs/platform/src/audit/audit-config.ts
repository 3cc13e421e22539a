import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { loadCityKey } from '@kinerja/audit';

/**
 * AUDIT_SIGNING_KEY_FILE: the city's Ed25519 private key (PKCS#8 PEM) that signs the digests of
 * GET /audit/verify. Optional (unsigned digests without it); when set, the key is read at boot.
 */
export const auditSigningKeyFile = z
  .string()
  .min(1)
  .superRefine((path, ctx) => {
    try {
      loadCityKey(path, false);
    } catch (error) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `no Ed25519 private key (PKCS#8 PEM) readable at ${path}: ${(error as Error).message}` });
    }
  })
  .optional();

/**
 * AUDIT_ANCHOR_DIR: where the service appends its audit anchors (`<dir>/<SERVICE_NAME>.jsonl`),
 * outside its database; `kinerja start` sets `.data/anchors`. Optional: without it the anchors go
 * only to the service's topic. Must be a writable directory, or one that can be created.
 */
export const auditAnchorDir = z
  .string()
  .min(1)
  .superRefine((path, ctx) => {
    const problem = anchorDirProblem(resolve(path));
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  })
  .optional();

function anchorDirProblem(path: string): string | null {
  let dir = path;
  while (!existsSync(dir)) {
    const parent = dirname(dir);
    if (parent === dir) return `${path} cannot be created`;
    dir = parent;
  }
  if (!statSync(dir).isDirectory()) return `${dir} is not a directory`;
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch {
    return dir === path ? `${path} is not writable` : `${path} cannot be created: ${dir} is not writable`;
  }
  return null;
}

/** AUDIT_ANCHOR_INTERVAL_SECONDS: between two periodic anchors (each only when the store changed). */
export const auditAnchorIntervalSeconds = z.coerce
  .number({ invalid_type_error: 'must be a whole number of seconds' })
  .int('must be a whole number of seconds')
  .min(1, 'must be at least 1 second')
  .max(86_400, 'must be at most 86400 seconds (a day)')
  .default(300);
