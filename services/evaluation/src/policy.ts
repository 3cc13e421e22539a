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
  /** An employee's evaluation context (facts, suggestion): the employee, their pejabat penilai and its atasan, the agency's admin, BKPSDM, auditors. */
  readEmployeeEvaluation: {
    action: 'read',
    relations: ['SELF', 'PEJABAT_PENILAI', 'ATASAN'],
    cityWide: ['ADMIN_CITY', 'AUDITOR'],
    agencyWide: ['ADMIN_OPD'],
    denied: { code: 'NOT_ALLOWED', message: 'Anda tidak berwenang melihat data penilaian pegawai ini' },
  },
  /** The city's dashboard across agencies: BKPSDM and auditors. */
  overseeCity: {
    action: 'read',
    cityWide: ['ADMIN_CITY', 'AUDITOR'],
    denied: { code: 'NOT_CITY_ADMIN', message: 'Hanya BKPSDM atau auditor yang dapat melihat dasbor kota' },
  },
  /** A what-if re-score of an agency's period: its admin, BKPSDM, auditors. */
  simulateAgency: {
    action: 'read',
    cityWide: ['ADMIN_CITY', 'AUDITOR'],
    agencyWide: ['ADMIN_OPD'],
    denied: { code: 'NOT_AGENCY_ADMIN', message: 'Hanya admin OPD ini, BKPSDM atau auditor yang dapat menjalankan simulasi' },
  },
});
