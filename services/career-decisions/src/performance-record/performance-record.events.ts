import { PredikatPegawai } from '../predikat';

/**
 * Where an annual predicate came from: the evaluation service, the pre-2022 history import, or the
 * import of predicates of 2022 on set before Kinerja (e-Kinerja's export).
 */
export type PredicateSource = 'EVALUATION' | 'LEGACY_IMPORT' | 'PREDICATE_IMPORT';

export interface AnnualPredicate {
  year: number;
  predicate: PredikatPegawai;
  /** The id of the fact decisions cite: the public event id, `legacy:<nip>:<year>` or `import:<nip>:<year>` for imported history. */
  factId: string;
  source: PredicateSource;
  /** For LEGACY_IMPORT, the PP 30/2019 score. */
  legacyScore: number | null;
  /**
   * False while the predicate is only set (PredicateSet.v1): the keberatan window is open or an
   * objection is pending (PP 30/2019 Pasal 59). Imported history is final.
   */
  final: boolean;
}

/**
 * As stored: `final` is absent on events written before PredicateSet.v1 was consumed, which all came
 * from PredicateFinalized.v1 or the legacy import, so absent means final (`isFinal`).
 */
type StoredAnnualPredicate = Omit<AnnualPredicate, 'final'> & { final?: boolean };

export const isFinal = (data: { final?: boolean }): boolean => data.final !== false;

export type AnnualPredicateRecorded = {
  type: 'AnnualPredicateRecorded';
  data: StoredAnnualPredicate & { nip: string; agencyId: string | null; recordedAt: string };
};

/** Another predicate for the same year: the pejabat penilai's revision, an objection decided, or a late correction. */
export type AnnualPredicateChanged = {
  type: 'AnnualPredicateChanged';
  data: StoredAnnualPredicate & {
    nip: string;
    previousPredicate: PredikatPegawai;
    previousFactId: string;
    reason: 'OBJECTION' | 'CORRECTION';
    recordedAt: string;
  };
};

/**
 * The year's provisional predicate became final with the same predicate (the keberatan window ended,
 * or the objection was decided KEEP). Decisions keep citing `factId` (the PredicateSet.v1 event id);
 * `finalizedFactId` is the PredicateFinalized.v1 event id, kept for the audit trail.
 */
export type AnnualPredicateFinalized = {
  type: 'AnnualPredicateFinalized';
  data: { nip: string; year: number; predicate: PredikatPegawai; factId: string; finalizedFactId: string; via: 'WINDOW_ENDED' | 'OBJECTION_DECIDED' | 'CORRECTION'; recordedAt: string };
};

/** The employment facts eligibility reads: PNS or PPPK, and the rank with its TMT. */
export type EmploymentRecorded = {
  type: 'EmploymentRecorded';
  data: { nip: string; agencyId: string; employmentKind: 'PNS' | 'PPPK'; golongan: string; rankSince: string; factId: string; recordedBy: string; recordedAt: string };
};

/** Named pegawai teladan for a year by the PPK (needed for the PPPK kenaikan gaji istimewa). */
export type PegawaiTeladanNamed = {
  type: 'PegawaiTeladanNamed';
  data: { nip: string; agencyId: string; year: number; decreeNumber: string; factId: string; namedBy: string; namedAt: string };
};

export type PerformanceRecordEvent = AnnualPredicateRecorded | AnnualPredicateChanged | AnnualPredicateFinalized | EmploymentRecorded | PegawaiTeladanNamed;
