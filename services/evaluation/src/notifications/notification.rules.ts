import { OFFICIAL_PREFIX } from '../organisation/org-chart.rules';

/**
 * Notifications (issue 16; ARCHITECTURE §7a): what each kind says, to whom it goes, and how it is
 * delivered. Pure: the consumer, the deadline scanner and the mailer build on it.
 */

export const NOTIFICATION_KINDS = [
  'SKP_SUBMITTED',
  'SKP_RETURNED',
  'REALISATION_DUE',
  'RATINGS_DUE',
  'OBJECTION_FILED',
  'OBJECTION_DECIDED',
  'COMPLAINT_SLA_NEAR',
  'CURVE_UNMET',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** EMAIL: one e-mail per notification; DIGEST: one e-mail a day with all of them; CONSOLE: the console only. */
export const DELIVERIES = ['EMAIL', 'DIGEST', 'CONSOLE'] as const;
export type Delivery = (typeof DELIVERIES)[number];
export const DEFAULT_DELIVERY: Delivery = 'EMAIL';

/** Who signs in for a pejabat penilai or atasan id: a city official (the kepala daerah) with their id as subject. */
export const personOf = (id: string): string => (id.startsWith(OFFICIAL_PREFIX) ? id.slice(OFFICIAL_PREFIX.length) : id);

export type NotificationParams = Record<string, string | number>;

export interface NotificationDraft {
  /** Deterministic: the event id (or the deadline's identity) and the recipient, so a redelivery writes nothing new. */
  notificationId: string;
  recipient: string;
  kind: NotificationKind;
  params: NotificationParams;
}

/** The console's path for a notification (relative to the console's origin). */
export function linkOf(kind: NotificationKind, params: NotificationParams): string {
  switch (kind) {
    case 'SKP_SUBMITTED':
      return `/tim/skp/${encodeURIComponent(String(params.skpId))}`;
    case 'SKP_RETURNED':
      return `/skp/${encodeURIComponent(String(params.skpId))}`;
    case 'REALISATION_DUE':
      return '/realisasi';
    case 'RATINGS_DUE':
      return '/penilaian';
    case 'OBJECTION_FILED':
      return '/keberatan';
    case 'OBJECTION_DECIDED':
      return '/penilaian';
    case 'COMPLAINT_SLA_NEAR':
      return '/';
    case 'CURVE_UNMET':
      return '/';
    default: {
      const _exhaustive: never = kind;
      return _exhaustive;
    }
  }
}

const str = (params: NotificationParams, key: string) => String(params[key] ?? '');

/** Subject and one-line text in Bahasa Indonesia (the e-mail; the console renders its own words from the kind and params). */
export function messageOf(kind: NotificationKind, params: NotificationParams): { subject: string; text: string } {
  switch (kind) {
    case 'SKP_SUBMITTED':
      return { subject: 'SKP menunggu persetujuan', text: `SKP ${str(params, 'employeeName') || str(params, 'nip')} (versi ${str(params, 'version')}) diajukan dan menunggu persetujuan Anda.` };
    case 'SKP_RETURNED':
      return { subject: 'SKP dikembalikan', text: `SKP Anda (versi ${str(params, 'version')}) dikembalikan oleh pejabat penilai untuk diperbaiki.` };
    case 'REALISATION_DUE':
      return { subject: 'Batas pengisian realisasi', text: `Batas pengisian realisasi ${str(params, 'periodName')} tinggal ${str(params, 'daysLeft')} hari (${str(params, 'deadline')}).` };
    case 'RATINGS_DUE':
      return { subject: 'Penilaian menunggu', text: `${str(params, 'count')} pegawai belum Anda nilai untuk ${str(params, 'periodName')}; batas pengisian ${str(params, 'deadline')}.` };
    case 'OBJECTION_FILED':
      return { subject: 'Keberatan diajukan', text: `${str(params, 'employeeName') || str(params, 'nip')} mengajukan keberatan atas predikat ${str(params, 'periodId')}; Anda yang memutuskan.` };
    case 'OBJECTION_DECIDED':
      return {
        subject: 'Keberatan diputuskan',
        text: `Keberatan Anda atas ${str(params, 'periodId')} diputuskan: ${params.outcome === 'CHANGE' ? 'predikat diubah' : 'predikat tetap'} (${str(params, 'predicate')}).`,
      };
    case 'COMPLAINT_SLA_NEAR':
      return { subject: 'Pengaduan mendekati batas waktu', text: `Pengaduan ${str(params, 'complaintId')} di unit Anda harus diselesaikan sebelum ${str(params, 'dueAt')}.` };
    case 'CURVE_UNMET':
      return { subject: 'Kurva distribusi belum terpenuhi', text: `${str(params, 'unitsFailing')} unit belum memenuhi kurva distribusi untuk ${str(params, 'periodName')} sebelum penetapan.` };
    default: {
      const _exhaustive: never = kind;
      return _exhaustive;
    }
  }
}

/** A digest e-mail: one line per notification, the oldest first. */
export function digestOf(items: readonly { kind: NotificationKind; params: NotificationParams }[]): { subject: string; text: string } {
  const lines = items.map((item) => `- ${messageOf(item.kind, item.params).text}`);
  return { subject: `Ringkasan harian Kinerja: ${items.length} pemberitahuan`, text: ['Pemberitahuan Anda sejak ringkasan terakhir:', '', ...lines].join('\n') };
}
