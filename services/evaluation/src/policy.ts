import { definePolicy } from '@kinerja/platform';

/**
 * Who may read an agency's evaluations as a whole in evaluation (issue 15 finding 7). The relations
 * (pejabat penilai, atasan, unit leader) are decided by the slices from the organisation as of the
 * period; the platform's guard keeps AUDITOR read-only.
 */
export const EVALUATION_POLICY = definePolicy({
  /** The curve of an agency or a unit (every NIP and predicate): its admin and PPK, BKPSDM, auditors. */
  overseeAgency: {
    action: 'read',
    cityWide: ['ADMIN_CITY', 'AUDITOR'],
    agencyWide: ['ADMIN_OPD', 'PPK'],
    denied: { code: 'NOT_ALLOWED', message: 'Hanya pimpinan unit, admin OPD, BKPSDM, PPK instansi ini atau auditor yang dapat melihat kurva' },
  },
});
