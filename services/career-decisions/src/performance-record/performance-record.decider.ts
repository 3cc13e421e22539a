import { isGolongan } from '@kinerja/contracts';
import { Command, conflict, Decider, forbidden, ignoreUnknownEvent, invalid } from '@kinerja/domain';
import { Authority, inScope, isBlank } from '../command';
import { isLocalDate } from '../local-date';
import { isPredikatPegawai, PredikatPegawai } from '../predikat';
import { RuleSet } from '../rule-sets/rule-set';
import { AnnualPredicate, isFinal, PerformanceRecordEvent } from './performance-record.events';

export const performanceRecordStream = (nip: string) => `performance-record-${nip}`;
export const legacyFactId = (nip: string, year: number) => `legacy:${nip}:${year}`;
export const importedFactId = (nip: string, year: number) => `import:${nip}:${year}`;

/**
 * From the consumer of PredicateSet.v1 (annual periods only): the pejabat penilai set the predicate
 * and the employee received it; it may still change by a revision or a keberatan (PP 30/2019 Pasal 59).
 * `factId` is that event's id.
 */
export type RecordProvisionalPredicate = Command<
  'RecordProvisionalPredicate',
  { nip: string; agencyId: string; year: number; predicate: PredikatPegawai; factId: string }
>;

/** From the consumer of PredicateFinalized.v1 (annual periods only); `factId` is that event's id. */
export type RecordFinalPredicate = Command<
  'RecordFinalPredicate',
  { nip: string; agencyId: string; year: number; predicate: PredikatPegawai; factId: string; via: 'WINDOW_ENDED' | 'OBJECTION_DECIDED' | 'CORRECTION' }
>;

/** One validated row of the legacy CSV (see legacy-import.ts). */
export type ImportLegacyPredicate = Command<
  'ImportLegacyPredicate',
  { nip: string; year: number; score: number; predicate: PredikatPegawai },
  { ruleSet: RuleSet }
>;

/**
 * One row of the import of predicates of 2022 on (predicate-import.rules.ts): final, as e-Kinerja
 * set them before Kinerja went live. Only a year after the legacy scale and before the current one.
 */
export type ImportPredicate = Command<'ImportPredicate', { nip: string; year: number; predicate: PredikatPegawai }, { ruleSet: RuleSet }>;

/** HR records the employment kind and the current rank (golongan) with its TMT. */
export type RecordEmployment = Command<
  'RecordEmployment',
  { nip: string; agencyId: string; employmentKind: 'PNS' | 'PPPK'; golongan: string; rankSince: string },
  { authority: Authority }
>;

/**
 * From the consumer of work-planning's EmployeeRegistered.v1 / EmployeeUpdated.v1: the golongan and
 * its TMT as the organisation records them, so HR does not type them twice (issue 14 §6).
 */
export type RecordOrganisationEmployment = Command<
  'RecordOrganisationEmployment',
  { nip: string; agencyId: string; employmentKind: 'PNS' | 'PPPK'; golongan: string; rankSince: string }
>;

/** The PPK names a pegawai teladan for a year; the year's predicate must be the award predicate (Sangat Baik). */
export type NamePegawaiTeladan = Command<
  'NamePegawaiTeladan',
  { nip: string; agencyId: string; year: number; decreeNumber: string },
  { authority: Authority; ruleSet: RuleSet }
>;

export type PerformanceRecordCommand =
  | RecordProvisionalPredicate
  | RecordFinalPredicate
  | ImportLegacyPredicate
  | ImportPredicate
  | RecordEmployment
  | RecordOrganisationEmployment
  | NamePegawaiTeladan;

export interface Employment {
  agencyId: string;
  employmentKind: 'PNS' | 'PPPK';
  golongan: string;
  rankSince: string;
  factId: string;
}

export interface PerformanceRecordState {
  nip: string | null;
  employment: Employment | null;
  /** Year → the fact id of the pegawai teladan naming. */
  teladanByYear: Readonly<Record<number, string>>;
  byYear: Readonly<Record<number, AnnualPredicate>>;
  /** Every fact id seen, so a redelivered event changes nothing. */
  seenFactIds: readonly string[];
}

export const initialState = (): PerformanceRecordState => ({ nip: null, employment: null, teladanByYear: {}, byYear: {}, seenFactIds: [] });

export function evolve(state: PerformanceRecordState, event: PerformanceRecordEvent): PerformanceRecordState {
  switch (event.type) {
    case 'AnnualPredicateRecorded':
    case 'AnnualPredicateChanged': {
      const { year, predicate, factId, source, legacyScore } = event.data;
      return {
        ...state,
        nip: event.data.nip,
        byYear: { ...state.byYear, [year]: { year, predicate, factId, source, legacyScore, final: isFinal(event.data) } },
        seenFactIds: [...state.seenFactIds, factId],
      };
    }
    case 'AnnualPredicateFinalized': {
      const current = state.byYear[event.data.year];
      if (current === undefined) return state;
      return {
        ...state,
        byYear: { ...state.byYear, [event.data.year]: { ...current, final: true } },
        seenFactIds: [...state.seenFactIds, event.data.finalizedFactId],
      };
    }
    case 'EmploymentRecorded': {
      const { nip, agencyId, employmentKind, golongan, rankSince, factId } = event.data;
      return { ...state, nip, employment: { agencyId, employmentKind, golongan, rankSince, factId } };
    }
    case 'PegawaiTeladanNamed':
      return { ...state, nip: event.data.nip, teladanByYear: { ...state.teladanByYear, [event.data.year]: event.data.factId } };
    default:
      return ignoreUnknownEvent(event, state);
  }
}

export const teladanFactId = (nip: string, year: number) => `teladan:${nip}:${year}`;

function nameTeladan(command: NamePegawaiTeladan, state: PerformanceRecordState): PerformanceRecordEvent[] {
  const d = command.data;
  const { authority, ruleSet } = command.lookups;
  if (!inScope(authority.approves, d.agencyId)) throw forbidden('NOT_PPK', 'Hanya PPK atau pejabat yang diberi delegasi yang dapat menetapkan pegawai teladan');
  if (isBlank(d.decreeNumber)) throw invalid('DECREE_REQUIRED', 'Nomor keputusan wajib diisi', 'decreeNumber');
  if (state.teladanByYear[d.year] !== undefined) return [];
  const fact = state.byYear[d.year];
  if (fact === undefined || fact.predicate !== ruleSet.award.predicate)
    throw conflict('NOT_AWARD_CANDIDATE', `Pegawai teladan tahun ${d.year} harus berpredikat ${ruleSet.award.predicate} pada tahun itu`);
  return [
    {
      type: 'PegawaiTeladanNamed',
      data: { nip: d.nip, agencyId: d.agencyId, year: d.year, decreeNumber: d.decreeNumber.trim(), factId: teladanFactId(d.nip, d.year), namedBy: command.metadata.actor.id, namedAt: command.metadata.now.toISOString() },
    },
  ];
}

export const rankFactId = (nip: string, golongan: string, rankSince: string) => `rank:${nip}:${golongan}:${rankSince}`;

/**
 * The employment kind and the golongan with its TMT, typed by HR or from the organisation's events;
 * the same facts again change nothing, whichever way they came (one fact id per golongan and TMT).
 */
function recordEmployment(command: RecordEmployment | RecordOrganisationEmployment, state: PerformanceRecordState): PerformanceRecordEvent[] {
  const d = command.data;
  if (command.type === 'RecordEmployment' && !inScope(command.lookups.authority.proposes, d.agencyId))
    throw forbidden('NOT_AGENCY_ADMIN', 'Hanya admin kepegawaian instansi ini yang dapat mencatat data kepegawaian');
  if (d.employmentKind !== 'PNS' && d.employmentKind !== 'PPPK') throw invalid('INVALID_EMPLOYMENT_KIND', 'Jenis kepegawaian harus PNS atau PPPK', 'employmentKind');
  if (isBlank(d.golongan)) throw invalid('GOLONGAN_REQUIRED', 'Golongan wajib diisi', 'golongan');
  if (!isGolongan(d.employmentKind, d.golongan.trim()))
    throw invalid('GOLONGAN_INVALID', d.employmentKind === 'PNS' ? 'Golongan PNS harus I/a sampai IV/e' : 'Golongan PPPK harus I sampai XVII', 'golongan');
  if (!isLocalDate(d.rankSince)) throw invalid('INVALID_DATE', 'TMT pangkat harus berformat YYYY-MM-DD', 'rankSince');
  const e = state.employment;
  const golongan = d.golongan.trim();
  if (e && e.agencyId === d.agencyId && e.employmentKind === d.employmentKind && e.golongan === golongan && e.rankSince === d.rankSince) return [];
  return [
    {
      type: 'EmploymentRecorded',
      data: {
        nip: d.nip,
        agencyId: d.agencyId,
        employmentKind: d.employmentKind,
        golongan,
        rankSince: d.rankSince,
        factId: rankFactId(d.nip, golongan, d.rankSince),
        recordedBy: command.metadata.actor.id,
        recordedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

const changed = (
  d: { nip: string; year: number; predicate: PredikatPegawai; factId: string },
  current: AnnualPredicate,
  final: boolean,
  reason: 'OBJECTION' | 'CORRECTION',
  recordedAt: string,
): PerformanceRecordEvent => ({
  type: 'AnnualPredicateChanged',
  data: {
    year: d.year,
    predicate: d.predicate,
    factId: d.factId,
    source: 'EVALUATION',
    legacyScore: null,
    final,
    nip: d.nip,
    previousPredicate: current.predicate,
    previousFactId: current.factId,
    reason,
    recordedAt,
  },
});

/**
 * What a predicate from evaluation does before it meets the year's record: an unknown predicate is
 * refused, an event seen before changes nothing, and the year's first predicate is recorded
 * (`final` or not). Otherwise the year's current predicate is returned for the caller to compare.
 */
function firstOfYear(
  d: RecordProvisionalPredicate['data'],
  state: PerformanceRecordState,
  final: boolean,
  recordedAt: string,
): { events: PerformanceRecordEvent[]; current?: PerformanceRecordState['byYear'][number] } {
  if (!isPredikatPegawai(d.predicate)) throw invalid('INVALID_PREDICATE', 'Predikat tidak dikenal', 'predicate');
  if (state.seenFactIds.includes(d.factId)) return { events: [] };
  const current = state.byYear[d.year];
  if (current !== undefined) return { events: [], current };
  return {
    events: [
      {
        type: 'AnnualPredicateRecorded',
        data: { year: d.year, predicate: d.predicate, factId: d.factId, source: 'EVALUATION', legacyScore: null, final, nip: d.nip, agencyId: d.agencyId, recordedAt },
      },
    ],
  };
}

/**
 * A set predicate counts at once, not final. A revision by the pejabat penilai (another predicate)
 * is a change, so decisions resting on the earlier one are re-evaluated; the same predicate again
 * keeps the first fact. A final year is never overridden by a set predicate.
 */
function recordProvisional(command: RecordProvisionalPredicate, state: PerformanceRecordState): PerformanceRecordEvent[] {
  const d = command.data;
  const recordedAt = command.metadata.now.toISOString();
  const { events, current } = firstOfYear(d, state, false, recordedAt);
  if (current === undefined) return events;
  if (current.final || current.predicate === d.predicate) return [];
  return [changed(d, current, false, 'CORRECTION', recordedAt)];
}

/**
 * A finalised predicate. After a set one with the same predicate the year only becomes final and
 * keeps citing the set fact, so no decision is re-evaluated; another predicate (an objection decided
 * with CHANGE) is a change. Without a set one before it, it is recorded final directly.
 */
function recordFinal(command: RecordFinalPredicate, state: PerformanceRecordState): PerformanceRecordEvent[] {
  const d = command.data;
  const recordedAt = command.metadata.now.toISOString();
  const { events, current } = firstOfYear(d, state, true, recordedAt);
  if (current === undefined) return events;
  if (current.predicate === d.predicate) {
    if (current.final) return [];
    return [{ type: 'AnnualPredicateFinalized', data: { nip: d.nip, year: d.year, predicate: d.predicate, factId: current.factId, finalizedFactId: d.factId, via: d.via, recordedAt } }];
  }
  return [changed(d, current, true, d.via === 'OBJECTION_DECIDED' ? 'OBJECTION' : 'CORRECTION', recordedAt)];
}

function importLegacy(command: ImportLegacyPredicate, state: PerformanceRecordState): PerformanceRecordEvent[] {
  const d = command.data;
  const { ruleSet } = command.lookups;
  if (d.year > ruleSet.legacyImport.lastYear)
    throw invalid('LEGACY_YEAR_TOO_LATE', `Riwayat lama hanya sampai tahun ${ruleSet.legacyImport.lastYear}`, 'year');
  const factId = legacyFactId(d.nip, d.year);
  const current = state.byYear[d.year];
  if (current !== undefined) {
    if (current.source === 'LEGACY_IMPORT' && current.predicate === d.predicate && current.legacyScore === d.score) return [];
    throw conflict('LEGACY_YEAR_RECORDED', `Predikat tahun ${d.year} untuk NIP ${d.nip} sudah tercatat dengan nilai lain`);
  }
  return [
    {
      type: 'AnnualPredicateRecorded',
      data: {
        year: d.year,
        predicate: d.predicate,
        factId,
        source: 'LEGACY_IMPORT',
        legacyScore: d.score,
        final: true,
        nip: d.nip,
        agencyId: null,
        recordedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

/**
 * An imported predicate is final and counts like one set here. The same predicate again changes
 * nothing; a year already recorded with another predicate (from evaluation or an earlier import) is
 * a conflict: a correction goes through evaluation, never by overwriting.
 */
function importPredicate(command: ImportPredicate, state: PerformanceRecordState): PerformanceRecordEvent[] {
  const d = command.data;
  const firstYear = command.lookups.ruleSet.legacyImport.lastYear + 1;
  if (!isPredikatPegawai(d.predicate)) throw invalid('PREDICATE_INVALID', 'Predikat tidak dikenal', 'predicate');
  if (d.year < firstYear) throw invalid('YEAR_TOO_EARLY', `Predikat sebelum ${firstYear} diimpor sebagai riwayat nilai PP 30/2019`, 'year');
  if (d.year >= Number(command.metadata.now.toISOString().slice(0, 4))) throw invalid('YEAR_NOT_ENDED', `Tahun ${d.year} belum berakhir`, 'year');
  const current = state.byYear[d.year];
  if (current !== undefined) {
    if (current.predicate === d.predicate) return [];
    throw conflict('YEAR_RECORDED', `Predikat tahun ${d.year} untuk NIP ${d.nip} sudah tercatat sebagai ${current.predicate}`);
  }
  return [
    {
      type: 'AnnualPredicateRecorded',
      data: {
        year: d.year,
        predicate: d.predicate,
        factId: importedFactId(d.nip, d.year),
        source: 'PREDICATE_IMPORT',
        legacyScore: null,
        final: true,
        nip: d.nip,
        agencyId: null,
        recordedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

export function decide(command: PerformanceRecordCommand, state: PerformanceRecordState): PerformanceRecordEvent[] {
  switch (command.type) {
    case 'RecordProvisionalPredicate':
      return recordProvisional(command, state);
    case 'RecordFinalPredicate':
      return recordFinal(command, state);
    case 'ImportLegacyPredicate':
      return importLegacy(command, state);
    case 'ImportPredicate':
      return importPredicate(command, state);
    case 'RecordEmployment':
    case 'RecordOrganisationEmployment':
      return recordEmployment(command, state);
    case 'NamePegawaiTeladan':
      return nameTeladan(command, state);
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

export const performanceRecordDecider: Decider<PerformanceRecordCommand, PerformanceRecordEvent, PerformanceRecordState> = {
  initialState,
  evolve,
  decide,
};
