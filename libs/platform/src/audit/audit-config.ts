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
