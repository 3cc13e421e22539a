import { definePolicy } from '@kinerja/platform';

/**
 * Who may do what in career-decisions: the one table every controller of the service uses
 * (through CareerAccess) and the permission matrix test reads. Agency-wide roles act only on
 * subjects whose agency, per the service's employee directory, is their own.
 */
export const CAREER_POLICY = definePolicy({
  /** Agency-wide lists: eligibility, the 9-box, the decisions register. */
  readAgency: { action: 'read', cityWide: ['ADMIN_CITY', 'AUDITOR'], agencyWide: ['ADMIN_OPD', 'PPK'], denied: { code: 'NOT_AGENCY_READER', message: 'Anda tidak berwenang melihat data instansi ini' } },
  /** One employee's record, trainings, case or decision: the employee themself, or readers of their agency. */
  readEmployee: { action: 'read', relations: ['SELF'], cityWide: ['ADMIN_CITY', 'AUDITOR'], agencyWide: ['ADMIN_OPD', 'PPK'], denied: { code: 'NOT_EMPLOYEE_READER', message: 'Anda tidak berwenang melihat data pegawai ini' } },
  /** HR records and proposals about an employee: the admin OPD of the employee's agency or BKPSDM; never about oneself. */
  proposeForEmployee: { action: 'write', cityWide: ['ADMIN_CITY'], agencyWide: ['ADMIN_OPD'], excludes: ['SELF'], denied: { code: 'NOT_AGENCY_ADMIN', message: 'Hanya admin kepegawaian instansi pegawai ini yang dapat mencatat atau mengusulkan' } },
  /** Approvals (decisions, improvement plans, pegawai teladan): the PPK of the employee's agency or its delegate; never about oneself. */
  approveForEmployee: { action: 'write', agencyWide: ['PPK'], excludes: ['SELF'], denied: { code: 'NOT_PPK', message: 'Hanya PPK atau pejabat yang diberi delegasi yang dapat menyetujui' } },
  /** Issuing an approved decision: the PPK, its delegate, the admin OPD of the employee's agency, or BKPSDM; never about oneself. */
  issueForEmployee: { action: 'write', cityWide: ['ADMIN_CITY'], agencyWide: ['PPK', 'ADMIN_OPD'], excludes: ['SELF'], denied: { code: 'NOT_AGENCY_ADMIN', message: 'Hanya PPK, delegasinya, atau admin kepegawaian instansi ini yang dapat menerbitkan keputusan' } },
  /**
   * Registering a mentoring relation (issue 19): the admin OPD of the mentee's agency or BKPSDM, as
   * a city's HR office assigns mentors; never for oneself, as mentee or as mentor.
   */
  startMentoring: {
    action: 'write',
    cityWide: ['ADMIN_CITY'],
    agencyWide: ['ADMIN_OPD'],
    excludes: ['SELF', 'MENTORING_PARTY'],
    denied: { code: 'NOT_AGENCY_ADMIN', message: 'Hanya admin kepegawaian instansi mentee yang dapat mendaftarkan relasi mentoring' },
  },
  /** A session of a mentoring relation: its mentor or its mentee, whatever their role. */
  recordMentoringSession: { action: 'write', relations: ['MENTORING_PARTY'], denied: { code: 'NOT_MENTORING_PARTY', message: 'Hanya mentor atau mentee relasi ini yang dapat mencatat sesi mentoring' } },
  /** City-wide imports (legacy PP 30/2019 scores). */
  cityImport: { action: 'write', cityWide: ['ADMIN_CITY'], denied: { code: 'NOT_CITY_ADMIN', message: 'Hanya BKPSDM yang dapat mengimpor riwayat kinerja' } },
});

export type CareerPermission = keyof typeof CAREER_POLICY;
