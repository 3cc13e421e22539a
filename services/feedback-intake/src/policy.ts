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
  /** Service standards and the service records an agency's systems report: the agency's admin (or its system's account), the city. */
  administerServiceDelivery: {
    action: 'write',
    cityWide: ['ADMIN_CITY'],
    agencyWide: ['ADMIN_OPD'],
    denied: { code: 'SERVICE_DELIVERY_ADMIN_ONLY', message: 'Hanya admin instansi terkait atau admin kota yang dapat mengelola standar dan catatan layanan.' },
  },
  /** An officer's or a unit's service figures and the records behind them: the officer, their pejabat penilai, the unit's officers, the agency's admin, the city and auditors. */
  readServiceFigures: {
    action: 'read',
    relations: ['SELF', 'PEJABAT_PENILAI', 'UNIT_OFFICER'],
    cityWide: ['ADMIN_CITY', 'AUDITOR'],
    agencyWide: ['ADMIN_OPD', 'PPK'],
    denied: { code: 'SERVICE_FIGURES_NOT_ALLOWED', message: 'Anda hanya dapat melihat capaian layanan Anda sendiri, pegawai yang Anda nilai, atau unit Anda.' },
  },
});

export type FeedbackPermission = keyof typeof FEEDBACK_POLICY;
