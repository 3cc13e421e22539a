import { WorkingCalendar, localDateOf } from '../sla/working-calendar.rules';
import { AcceptedServiceRecord, SERVICE_CHANNELS, ServiceChannel, ServiceTime } from './service-delivery.events';
import { judge } from './service-time.rules';

/** A completed application as an agency's system reports it. Nothing about the citizen. */
export interface ServiceRecordInput {
  sourceId: string;
  serviceCode: string;
  unitId: string;
  officerNip: string;
  receivedAt: string;
  completedAt: string;
  channel: string;
}

/** The fields a record may carry: anything else (a NIK, a name, an address) is refused, not dropped. */
export const SERVICE_RECORD_FIELDS: readonly (keyof ServiceRecordInput)[] = ['sourceId', 'serviceCode', 'unitId', 'officerNip', 'receivedAt', 'completedAt', 'channel'];

export interface StandardVersion {
  version: number;
  effectiveFrom: string;
  standard: ServiceTime;
}

export interface RecordLookups {
  agencyId: string;
  /** Service code → its versions, any order. */
  standards: ReadonlyMap<string, readonly StandardVersion[]>;
  /** Units of the agency. */
  units: ReadonlySet<string>;
  /** Officer NIP → their agency (the directory's copy of the organisation). */
  officers: ReadonlyMap<string, string>;
  /** Source ids the agency already reported → the fingerprint of what was stored. */
  existing: ReadonlyMap<string, string>;
  calendar: WorkingCalendar;
  now: Date;
}

export interface RecordProblem {
  /** Position in the batch (0-based); for a CSV, `line` says where it was. */
  index: number;
  line?: number;
  sourceId: string | null;
  field: string;
  code: string;
  message: string;
}

export interface RecordPlan {
  accepted: AcceptedServiceRecord[];
  /** Records already stored exactly as sent: reported, not stored again. */
  duplicates: string[];
  problems: RecordProblem[];
}

const SOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const NIP = /^[0-9]{18}$/;
/** An instant with its offset, as systems export it: 2026-03-02T08:15:00+07:00 or …Z. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Clocks of agency systems drift: a completion up to five minutes ahead is accepted. */
const CLOCK_SKEW_MS = 5 * 60_000;

export function fingerprint(r: Pick<ServiceRecordInput, 'serviceCode' | 'unitId' | 'officerNip' | 'receivedAt' | 'completedAt' | 'channel'>): string {
  return [r.serviceCode, r.unitId, r.officerNip, new Date(r.receivedAt).toISOString(), new Date(r.completedAt).toISOString(), r.channel].join('|');
}

/** The version in force on a local date: the latest whose effectiveFrom is on or before it. */
export function standardOn(versions: readonly StandardVersion[], date: string): StandardVersion | null {
  let found: StandardVersion | null = null;
  for (const v of versions) if (v.effectiveFrom <= date && (!found || v.effectiveFrom > found.effectiveFrom || (v.effectiveFrom === found.effectiveFrom && v.version > found.version))) found = v;
  return found;
}

/**
 * Checks a batch of records against the agency's standards, units and officers, every record and
 * every field, and judges each against its standard. Pure. The caller stores the batch only when
 * `problems` is empty (nothing half-stored); records already stored as sent are duplicates.
 */
export function planServiceRecords(records: readonly Record<string, unknown>[], lookups: RecordLookups): RecordPlan {
  const problems: RecordProblem[] = [];
  const accepted: AcceptedServiceRecord[] = [];
  const duplicates: string[] = [];
  const seen = new Map<string, string>();
  records.forEach((raw, index) => {
    const sourceId = typeof raw.sourceId === 'string' ? raw.sourceId.trim() : null;
    const problem = (field: string, code: string, message: string) => problems.push({ index, sourceId, field, code, message });
    const before = problems.length;
    for (const field of Object.keys(raw)) {
      if (!(SERVICE_RECORD_FIELDS as readonly string[]).includes(field))
        problem(field, 'FIELD_NOT_ALLOWED', `Kolom ${field} tidak dikenal; catatan layanan tidak boleh memuat data pribadi warga.`);
    }
    const str = (field: keyof ServiceRecordInput): string | null => {
      const v = raw[field];
      if (typeof v !== 'string' || v.trim() === '') {
        problem(field, 'REQUIRED', `${field} wajib diisi.`);
        return null;
      }
      return v.trim();
    };
    const serviceCode = str('serviceCode');
    const unitId = str('unitId');
    const officerNip = str('officerNip');
    const receivedText = str('receivedAt');
    const completedText = str('completedAt');
    const channelText = str('channel');
    if (sourceId === null || sourceId === '') problem('sourceId', 'REQUIRED', 'sourceId wajib diisi.');
    else if (!SOURCE_ID.test(sourceId)) problem('sourceId', 'SOURCE_ID_INVALID', 'sourceId: 1–100 huruf, angka atau . _ : / -.');
    if (serviceCode !== null && !CODE.test(serviceCode)) problem('serviceCode', 'SERVICE_CODE_INVALID', 'Kode layanan tidak valid.');
    const versions = serviceCode !== null ? lookups.standards.get(serviceCode) : undefined;
    if (serviceCode !== null && CODE.test(serviceCode) && !versions) problem('serviceCode', 'UNKNOWN_SERVICE', `Layanan ${serviceCode} belum memiliki standar waktu di instansi ini.`);
    if (unitId !== null && !lookups.units.has(unitId)) problem('unitId', 'UNKNOWN_UNIT', `Unit ${unitId} bukan unit layanan instansi ini.`);
    if (officerNip !== null) {
      if (!NIP.test(officerNip)) problem('officerNip', 'NIP_INVALID', 'NIP petugas harus 18 digit.');
      else if (lookups.officers.get(officerNip) !== lookups.agencyId) problem('officerNip', 'UNKNOWN_OFFICER', `Petugas ${officerNip} tidak tercatat sebagai pegawai instansi ini.`);
    }
    const instant = (field: 'receivedAt' | 'completedAt', text: string | null): Date | null => {
      if (text === null) return null;
      const at = new Date(text);
      if (!INSTANT.test(text) || Number.isNaN(at.getTime())) {
        problem(field, 'INSTANT_INVALID', `${field} harus berupa waktu ISO 8601 dengan zona waktu, mis. 2026-03-02T08:15:00+07:00.`);
        return null;
      }
      return at;
    };
    const receivedAt = instant('receivedAt', receivedText);
    const completedAt = instant('completedAt', completedText);
    if (receivedAt && completedAt && completedAt.getTime() < receivedAt.getTime())
      problem('completedAt', 'COMPLETED_BEFORE_RECEIVED', 'Waktu selesai tidak boleh sebelum waktu permohonan diterima.');
    if (completedAt && completedAt.getTime() > lookups.now.getTime() + CLOCK_SKEW_MS) problem('completedAt', 'COMPLETED_IN_FUTURE', 'Waktu selesai tidak boleh di masa depan.');
    if (receivedAt && completedAt && completedAt.getTime() - receivedAt.getTime() > 3650 * 86_400_000)
      problem('completedAt', 'DURATION_IMPLAUSIBLE', 'Permohonan yang selesai lebih dari sepuluh tahun setelah diterima tidak masuk akal.');
    if (channelText !== null && !(SERVICE_CHANNELS as readonly string[]).includes(channelText))
      problem('channel', 'CHANNEL_INVALID', `Kanal harus salah satu dari ${SERVICE_CHANNELS.join(', ')}.`);
    let standard: StandardVersion | null = null;
    if (versions && receivedAt) {
      standard = standardOn(versions, localDateOf(receivedAt, lookups.calendar.timeZone));
      if (!standard) problem('receivedAt', 'NO_STANDARD_ON_DATE', `Layanan ${serviceCode} belum memiliki standar waktu pada tanggal permohonan diterima.`);
    }
    if (problems.length > before || !sourceId || !serviceCode || !unitId || !officerNip || !receivedAt || !completedAt || !channelText || !standard) return;

    const input = { serviceCode, unitId, officerNip, receivedAt: receivedAt.toISOString(), completedAt: completedAt.toISOString(), channel: channelText };
    const print = fingerprint(input);
    const stored = lookups.existing.get(sourceId) ?? seen.get(sourceId);
    if (stored !== undefined) {
      if (stored === print) duplicates.push(sourceId);
      else problem('sourceId', 'SOURCE_ID_CONFLICT', `sourceId ${sourceId} sudah dilaporkan dengan isi yang berbeda.`);
      return;
    }
    seen.set(sourceId, print);
    const verdict = judge(receivedAt, completedAt, standard.standard, lookups.calendar);
    accepted.push({
      sourceId,
      ...input,
      channel: channelText as ServiceChannel,
      standardVersion: standard.version,
      standard: standard.standard,
      elapsed: verdict.elapsed,
      withinStandard: verdict.withinStandard,
    });
  });
  return { accepted, duplicates, problems };
}
