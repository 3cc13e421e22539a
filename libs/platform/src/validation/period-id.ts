import { z } from 'zod';
import { PERIOD_ID_DESCRIPTION, PERIOD_ID_MESSAGE, PERIOD_ID_PATTERN } from '@kinerja/contracts';

/**
 * A period id of the one vocabulary (`libs/contracts/src/period.ts`): `2026`, `2026-S1`, `2026-Q2`,
 * `2026-M04`. Anything else is a 400 (`INVALID_FORMAT`) naming the field, with the forms accepted.
 */
export const periodIdSchema = () => z.string().regex(new RegExp(PERIOD_ID_PATTERN), PERIOD_ID_MESSAGE).describe(PERIOD_ID_DESCRIPTION);
