import { definePolicy } from '@kinerja/platform';

/**
 * Who may do what in feedback-intake: the one table its controllers use (through FeedbackAccess)
 * and the permission matrix reads. A complaint is never shown to or handled by the employee it
 * names, nor by anyone in that employee's reporting line below the unit head.
 */
export const FEEDBACK_POLICY = definePolicy({
  /** Directory entries (units, employees' units, agency settings): the admin of the subject's agency, or the city. */
  administerDirectory: {
    action: 'write',
    cityWide: ['ADMIN_CITY'],
    agencyWide: ['ADMIN_OPD'],
    denied: { code: 'DIRECTORY_ADMIN_ONLY', message: 'Hanya admin kota atau admin instansi terkait yang dapat mengubah direktori.' },
  },
  /** A complaint and the unit inbox: officers of the assigned unit, the agency's admin, city admins and auditors. */
  readComplaint: {
    action: 'read',
    relations: ['UNIT_OFFICER'],
    cityWide: ['ADMIN_CITY', 'AUDITOR'],
    agencyWide: ['ADMIN_OPD'],
    excludes: ['COMPLAINT_SUBJECT', 'SUBJECT_REPORTING_LINE'],
    denied: { code: 'NOT_UNIT_OFFICER', message: 'Anda hanya dapat melihat pengaduan unit Anda sendiri.' },
  },
  /** Triage, start, resolve, reject: officers of the assigned unit only. */
  handleComplaint: {
    action: 'write',
    relations: ['UNIT_OFFICER'],
    excludes: ['COMPLAINT_SUBJECT', 'SUBJECT_REPORTING_LINE'],
    denied: { code: 'NOT_ASSIGNED_UNIT', message: 'Pengaduan ini tidak didisposisikan ke unit Anda.' },
  },
  /** Complaint statistics of an agency (or of the city): its admin, city admins and auditors. */
  readComplaintStatistics: {
    action: 'read',
    cityWide: ['ADMIN_CITY', 'AUDITOR'],
    agencyWide: ['ADMIN_OPD'],
    denied: { code: 'STATISTICS_FORBIDDEN', message: 'Statistik pengaduan hanya untuk admin kota, auditor, atau admin instansi terkait.' },
  },
  /** Citizens' ratings and comments naming an employee: the employee, their pejabat penilai, their agency's admin, the city, auditors. */
  readEmployeeCitizenFeedback: {
    action: 'read',
    relations: ['SELF', 'PEJABAT_PENILAI'],
    cityWide: ['ADMIN_CITY', 'AUDITOR'],
    agencyWide: ['ADMIN_OPD'],
    denied: { code: 'CITIZEN_FEEDBACK_READ_FORBIDDEN', message: 'Anda tidak berwenang melihat masukan masyarakat tentang pegawai ini.' },
  },
  /** Citizens' ratings and comments about a unit: its head, its agency's admin, the city, auditors. */
  readUnitCitizenFeedback: {
    action: 'read',
    relations: ['UNIT_HEAD'],
    cityWide: ['ADMIN_CITY', 'AUDITOR'],
    agencyWide: ['ADMIN_OPD'],
    denied: { code: 'CITIZEN_FEEDBACK_READ_FORBIDDEN', message: 'Hanya kepala unit, admin instansinya, admin kota dan auditor yang dapat melihat masukan masyarakat tentang unit ini.' },
  },
  /** An employee's continuous-feedback timeline: the employee, their pejabat penilai, their agency's admin, the city, auditors. */
  readFeedbackTimeline: {
    action: 'read',
    relations: ['SELF', 'PEJABAT_PENILAI'],
    cityWide: ['ADMIN_CITY', 'AUDITOR'],
    agencyWide: ['ADMIN_OPD'],
    denied: { code: 'TIMELINE_READ_FORBIDDEN', message: 'Anda tidak berwenang melihat umpan balik pegawai ini.' },
  },
});

export type FeedbackPermission = keyof typeof FEEDBACK_POLICY;
