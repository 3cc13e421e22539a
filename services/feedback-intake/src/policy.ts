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
});

export type FeedbackPermission = keyof typeof FEEDBACK_POLICY;
