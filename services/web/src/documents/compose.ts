import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { ApiService } from '../config';
import { CurveModel, DocumentModel, DocumentParams, EvaluationModel, Person, PREDICATES, SkpModel, SubjectStream } from './document-models';

/** A service answered something other than 200 while a document was composed. */
export class SourceError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    path: string,
  ) {
    super(`${path} answered ${status}`);
  }
}

/** GET on a service, as one identity; throws SourceError unless 200. */
export type ServiceRead = <T>(service: ApiService, path: string) => Promise<T>;

const enc = encodeURIComponent;

/** SHA-256 (hex) of the RFC 8785 canonical JSON of the document's content. */
export function contentHash(model: DocumentModel): string {
  return createHash('sha256').update(canonicalize(model)!, 'utf8').digest('hex');
}

/** The document of the params, composed from the services' answers as they stand now. */
export function compose(read: ServiceRead, params: DocumentParams): Promise<DocumentModel> {
  switch (params.kind) {
    case 'SKP':
      return composeSkp(read, params.skpId, params.version);
    case 'EVALUASI':
      return composeEvaluation(read, params.evaluationId);
    case 'KURVA':
      return composeCurve(read, params.periodId, params.unitId);
    default: {
      const unknownKind: never = params;
      throw new Error(`unknown document ${String(unknownKind)}`);
    }
  }
}

/** The event streams behind a document and the position each was at (what the services expose of it). */
export function subjectStreams(model: DocumentModel): SubjectStream[] {
  switch (model.kind) {
    case 'SKP':
      return [{ service: 'work-planning', stream: `skp-${model.skpId}`, position: model.version === null ? `${model.status}` : `versi ${model.version}` }];
    case 'EVALUASI':
      return [{ service: 'evaluation', stream: `evaluation-${model.evaluationId}`, position: model.status }];
    case 'KURVA':
      return [{ service: 'evaluation', stream: `unit-evaluation-${model.unitEvaluationId}`, position: model.finalized ? 'FINALIZED' : 'OPEN' }];
  }
}

interface SkpAnswer {
  skpId: string;
  status: string;
  version: number | null;
  latestApprovedVersion: number | null;
  periode: { start: string; end: string };
  approach: string;
  pegawaiYangDinilai: Person;
  pejabatPenilaiKinerja: Person | null;
  hasilKerja: { jenis: 'UTAMA' | 'TAMBAHAN'; judul: string; rows: (SkpModel['hasilKerja'][number]['rows'][number] & Record<string, unknown>)[] }[];
  perilakuKerja: SkpModel['perilakuKerja'];
  lampiran: SkpModel['lampiran'];
  approvedAt: string | null;
}

const person = (p: Person | null): Person | null =>
  p && { nip: p.nip, nama: p.nama ?? null, pangkatGolongan: p.pangkatGolongan ?? null, jabatan: p.jabatan ?? null, unitKerja: p.unitKerja ?? null };

/** The approved version the SKP has now when `version` is null and one exists; the working copy otherwise. */
export async function composeSkp(read: ServiceRead, skpId: string, version: number | null): Promise<SkpModel> {
  const path = (n: number | null) => `/skps/${enc(skpId)}${n === null ? '' : `?version=${n}`}`;
  const doc = await read<SkpAnswer>('work-planning', path(version));
  return {
    kind: 'SKP',
    skpId: doc.skpId,
    version: doc.version,
    status: doc.status,
    latestApprovedVersion: doc.latestApprovedVersion,
    approvedAt: doc.version === null ? null : doc.approvedAt,
    periode: doc.periode,
    approach: doc.approach,
    pegawai: person(doc.pegawaiYangDinilai)!,
    pejabatPenilai: person(doc.pejabatPenilaiKinerja),
    hasilKerja: doc.hasilKerja.map((group) => ({
      jenis: group.jenis,
      judul: group.judul,
      rows: group.rows.map((r) => ({
        no: r.no,
        rencanaHasilKerjaAtasan: r.rencanaHasilKerjaAtasan,
        rencanaHasilKerja: r.rencanaHasilKerja,
        aspek: r.aspek,
        indikatorKinerjaIndividu: r.indikatorKinerjaIndividu,
        target: r.target,
        periodTargets: r.periodTargets,
        rhkId: r.rhkId,
        ikiId: r.ikiId,
      })),
    })),
    perilakuKerja: doc.perilakuKerja.map((p) => ({ coreValue: p.coreValue, label: p.label, panduanPerilaku: p.panduanPerilaku, ekspektasiKhusus: p.ekspektasiKhusus })),
    lampiran: doc.lampiran,
  };
}

/** The SKP printed from the console: its latest approved version, else the working copy. */
export async function latestSkpVersion(read: ServiceRead, skpId: string): Promise<number | null> {
  const doc = await read<{ latestApprovedVersion: number | null }>('work-planning', `/skps/${enc(skpId)}`);
  return doc.latestApprovedVersion;
}

interface EvaluationAnswer {
  evaluationId: string;
  employeeId: string;
  periodId: string;
  agencyId: string;
  year: number;
  periodKind: string;
  unitId: string;
  assessorId: string;
  status: string;
  ratingHasil: string;
  ratingPerilaku: string;
  predicate: string;
  justification: string;
  submittedAt: string;
  objection: {
    reasons: string;
    atasanId: string;
    filedAt: string;
    explanations: { from: string; question?: string; explanation?: string }[];
    decision: { outcome: 'KEEP' | 'CHANGE'; reasons: string; decidedBy: string; decidedAt: string; previous: { ratingHasil: string; ratingPerilaku: string; predicate: string } } | null;
  } | null;
  finalizedAt: string | null;
}

interface ContextAnswer {
  pejabatPenilaiId: string | null;
  atasanPejabatPenilaiId: string | null;
  realisations: { ikiId: string; periodId: string; value: number | null; narrative: string | null; target: { unit?: string } | null }[];
}

interface EmployeeAnswer {
  nip: string;
  name: string;
  pangkat: string | null;
  golongan: string | null;
}

interface UnitCurveAnswer {
  unitId: string;
  unitEvaluationId: string;
  organisationPredicateSetBy: string | null;
  unitName: string | null;
  organisationPredicate: string | null;
  ruleSetVersion: string;
  curveApplies: boolean;
  employees: { employeeId: string; predicate: string | null; status: string }[];
  unrated: number;
  check: { passed: boolean; conditions: { id: string; label: string; passed?: boolean }[]; failed: string[] } | null;
  finalized: boolean;
}

async function periodName(read: ServiceRead, periodId: string): Promise<string> {
  const [agencyId, year] = periodId.split(':');
  const answer = await read<{ periods: { periodId: string; name: string }[] }>('evaluation', `/agencies/${enc(agencyId ?? '')}/periods?year=${enc(year ?? '')}`);
  return answer.periods.find((p) => p.periodId === periodId)?.name ?? periodId;
}

async function employeePerson(read: ServiceRead, nip: string | null): Promise<Person | null> {
  if (!nip) return null;
  const e = await read<EmployeeAnswer>('work-planning', `/employees/${enc(nip)}`);
  const pangkat = [e.pangkat, e.golongan].filter(Boolean).join(', ');
  return { nip: e.nip, nama: e.name, pangkatGolongan: pangkat || null, jabatan: null, unitKerja: null };
}

/** The SKP the evaluation rates: the employee's SKP whose period holds the evaluation's year, at its approved version. */
async function skpOfYear(read: ServiceRead, nip: string, year: number): Promise<SkpModel | null> {
  const answer = await read<{ skps: { skpId: string; periodStart: string; versions: number }[] }>('work-planning', `/employees/${enc(nip)}/skps`);
  const mine = answer.skps.find((s) => s.periodStart.startsWith(String(year)));
  if (!mine) return null;
  return composeSkp(read, mine.skpId, mine.versions > 0 ? mine.versions : null);
}

const distribution = (employees: { predicate: string | null }[]) =>
  PREDICATES.map((predicate) => ({ predicate, count: employees.filter((e) => e.predicate === predicate).length }));

export async function composeEvaluation(read: ServiceRead, evaluationId: string): Promise<EvaluationModel> {
  const e = await read<EvaluationAnswer>('evaluation', `/evaluations/${enc(evaluationId)}`);
  const [context, curve, label, skp] = await Promise.all([
    read<ContextAnswer>('evaluation', `/periods/${enc(e.periodId)}/employees/${enc(e.employeeId)}/evaluation-context`),
    e.unitId ? read<UnitCurveAnswer>('evaluation', `/periods/${enc(e.periodId)}/units/${enc(e.unitId)}/curve`) : Promise.resolve(null),
    periodName(read, e.periodId),
    skpOfYear(read, e.employeeId, e.year),
  ]);
  const [pegawai, pejabat, atasan] = await Promise.all([
    skp?.pegawai ?? employeePerson(read, e.employeeId),
    skp?.pejabatPenilai?.nip === e.assessorId ? skp.pejabatPenilai : employeePerson(read, e.assessorId),
    employeePerson(read, context.atasanPejabatPenilaiId),
  ]);
  const realisasiOf = (ikiId: string) =>
    context.realisations
      .filter((r) => r.ikiId === ikiId)
      .map((r) => [r.value === null ? null : `${r.value}${r.target?.unit ? ` ${r.target.unit}` : ''}`, r.narrative].filter(Boolean).join(' — ') + ` (${r.periodId})`);
  const o = e.objection;
  return {
    kind: 'EVALUASI',
    evaluationId: e.evaluationId,
    periodId: e.periodId,
    periodKind: e.periodKind,
    periodLabel: label,
    annual: e.periodKind === 'ANNUAL',
    year: e.year,
    status: e.status,
    pegawai: pegawai!,
    pejabatPenilai: pejabat,
    atasanPejabatPenilai: atasan,
    unit: { unitId: e.unitId, unitName: curve?.unitName ?? null },
    capaianKinerjaOrganisasi: curve?.organisationPredicate ?? null,
    polaDistribusi: distribution(curve?.employees ?? []),
    hasilKerja: (skp?.hasilKerja ?? []).flatMap((g) => g.rows.map((r) => ({ ...r, jenis: g.jenis, realisasi: realisasiOf(r.ikiId) }))),
    perilakuKerja: skp?.perilakuKerja ?? [],
    ratingHasil: e.ratingHasil,
    ratingPerilaku: e.ratingPerilaku,
    predikat: e.predicate,
    catatan: e.justification,
    ratedAt: e.submittedAt,
    keberatan: o && {
      alasan: o.reasons,
      diajukanPada: o.filedAt,
      penjelasan: o.explanations.map((x) => ({ dari: x.from, pertanyaan: x.question ?? null, penjelasan: x.explanation ?? null })),
      keputusan: o.decision && {
        hasil: o.decision.outcome,
        alasan: o.decision.reasons,
        diputuskanOleh: o.decision.decidedBy,
        diputuskanPada: o.decision.decidedAt,
        sebelumnya: { ratingHasil: o.decision.previous.ratingHasil, ratingPerilaku: o.decision.previous.ratingPerilaku, predikat: o.decision.previous.predicate },
      },
    },
    finalizedAt: e.finalizedAt,
  };
}

export async function composeCurve(read: ServiceRead, periodId: string, unitId: string): Promise<CurveModel> {
  const [curve, label] = await Promise.all([
    read<UnitCurveAnswer>('evaluation', `/periods/${enc(periodId)}/units/${enc(unitId)}/curve`),
    periodName(read, periodId),
  ]);
  const people = await Promise.all(curve.employees.map(async (e) => ({ nip: e.employeeId, nama: (await employeePerson(read, e.employeeId))?.nama ?? null, predicate: e.predicate })));
  const total = curve.employees.length;
  return {
    kind: 'KURVA',
    periodId,
    periodLabel: label,
    unitId: curve.unitId,
    unitEvaluationId: curve.unitEvaluationId,
    unitName: curve.unitName,
    organisationPredicate: curve.organisationPredicate,
    ruleSetVersion: curve.ruleSetVersion,
    curveApplies: curve.curveApplies,
    distribution: distribution(curve.employees).map((d) => ({ ...d, share: total === 0 ? 0 : d.count / total })),
    employees: people.sort((a, b) => a.nip.localeCompare(b.nip)),
    unrated: curve.unrated,
    check: curve.check && { ok: curve.check.passed, failures: curve.check.conditions.filter((c) => curve.check!.failed.includes(c.id)).map((c) => c.label) },
    finalized: curve.finalized,
    predicateSetBy: await employeePerson(read, curve.organisationPredicateSetBy),
  };
}
