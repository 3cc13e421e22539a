import { z } from 'zod';

export const contactSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    email: z.string().trim().email('Alamat surel tidak valid.').max(200).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{6,20}$/, 'Nomor telepon tidak valid.')
      .optional(),
  })
  .strict()
  .refine((c) => c.name || c.email || c.phone, 'Isi paling sedikit satu data kontak, atau kosongkan kontak.')
  .describe('Optional. Encrypted at rest; never shown to the unit; erasable with the tracking or erasure code.');

export const id = (what: string) => z.string().trim().min(1).max(100).describe(what);

/** Lets a kiosk tell two respondents with identical answers apart; a resent submission keeps its id. */
export const submissionId = z.string().uuid().optional().describe('Client-generated id of this submission (uuid); a retry reuses it');
