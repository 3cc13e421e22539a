import { PredikatPegawai } from '../predikat';

/** Where an annual predicate came from: the evaluation service, or the pre-2022 history import. */
export type PredicateSource = 'EVALUATION' | 'LEGACY_IMPORT';

export interface AnnualPredicate {
  year: number;
  predicate: PredikatPegawai;
  /** The id of the fact decisions cite: the public event id, or `legacy:<nip>:<year>` for imported history. */
  factId: string;
  source: PredicateSource;
  /** For LEGACY_IMPORT, the PP 30/2019 score. */
  legacyScore: number | null;
}

export type AnnualPredicateRecorded = {
  type: 'AnnualPredicateRecorded';
  data: AnnualPredicate & { nip: string; agencyId: string | null; recordedAt: string };
};

/** A later fact for the same year: an objection decided, or a late correction. */
export type AnnualPredicateChanged = {
  type: 'AnnualPredicateChanged';
  data: AnnualPredicate & {
    nip: string;
    previousPredicate: PredikatPegawai;
    previousFactId: string;
    reason: 'OBJECTION' | 'CORRECTION';
    recordedAt: string;
  };
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

export type PerformanceRecordEvent = AnnualPredicateRecorded | AnnualPredicateChanged | EmploymentRecorded | PegawaiTeladanNamed;
