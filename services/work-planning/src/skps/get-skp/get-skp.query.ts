import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { forbidden, notFound } from '@kinerja/domain';
import { Actor } from '@kinerja/platform';
import { genericPlanQuery, rowsByKey } from '@kinerja/projections';
import { IsoDate } from '../../organisation/dates';
import { ChainOnDate, GetSupervisorQuery } from '../../organisation/get-supervisor/get-supervisor.query';
import { BERAKHLAK, CORE_VALUES } from '../berakhlak';
import { LinkedRhk, linkedRhk } from '../get-cascade/get-cascade.query';
import { linkedKeys, linkKey, unresolvedLinks } from '../rhk-links.rules';
import { isJpt, SkpState, SkpStatus, withIkiDefaults } from '../skp.decider';
import { IkiSource, Lampiran, PerilakuKerja, Rhk, SkpDocument, Target } from '../skp.events';
import { referenceDate } from '../skp-lookups';
import { SkpView } from './skp-view.entity';

/** The BKN 2022 form (docs/regulations.md §2.1): the column order of the printed SKP. */
export const SKP_COLUMNS = [
  'NO',
  'RENCANA HASIL KERJA ATASAN YANG DIINTERVENSI',
  'RENCANA HASIL KERJA',
  'ASPEK',
  'INDIKATOR KINERJA INDIVIDU',
  'TARGET',
] as const;

export interface PersonBlock {
  nip: string;
  nama: string | null;
  pangkatGolongan: string | null;
  jabatan: string | null;
  unitKerja: string | null;
}

/** One printed row per IKI; the RHK cells repeat on each of its IKI (the form merges them). */
export interface SkpDocumentRow {
  no: number;
  rencanaHasilKerjaAtasan: string | null;
  rencanaHasilKerja: string;
  aspek: string;
  indikatorKinerjaIndividu: string;
  target: string;
  /** HIGHER_IS_BETTER or LOWER_IS_BETTER. */
  direction: string;
  /** Targets per period of the SKP (e.g. 2026-S1), as text; empty when only the annual target is set. */
  periodTargets: { periodId: string; target: string }[];
  rhkId: string;
  ikiId: string;
  perspektif: string | null;
  /** Where the realisation is computed from (issue 19: service records, complaints); null when the employee records it. */
  source: IkiSource | null;
}

export interface SkpDocumentResponse {
  skpId: string;
  status: SkpStatus;
  /** The approved version shown, or null for the working copy. */
  version: number | null;
  latestApprovedVersion: number | null;
  periode: { start: IsoDate; end: IsoDate };
  approach: string;
  pegawaiYangDinilai: PersonBlock;
  pejabatPenilaiKinerja: PersonBlock | null;
  columns: typeof SKP_COLUMNS;
  hasilKerja: { jenis: 'UTAMA' | 'TAMBAHAN'; judul: string; rows: SkpDocumentRow[] }[];
  perilakuKerja: PerilakuKerja[];
  lampiran: Lampiran;
  /** Links that block approval (the employee may still draft and submit). */
  unresolvedLinks: { rhkId: string; flag: string }[];
  returnNotes: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
}

export const targetText = (t: Target): string => (t.kind === 'QUANTITATIVE' ? `${t.value} ${t.unit}` : t.description);

/** The employee, admins of their agency, city admins and auditors, and the employee's superiors in the period. */
export async function maySeeSkp(actor: Actor, row: { nip: string; agencyId: string }, superiors: () => Promise<string[]>): Promise<boolean> {
  if (actor.id === row.nip || actor.role === 'ADMIN_CITY' || actor.role === 'AUDITOR') return true;
  if (actor.role === 'ADMIN_OPD') return actor.agencyId === row.agencyId;
  return (await superiors()).includes(actor.id);
}

/** Name, rank, position and unit of each NIP ($1) on a date ($2); see GetSkpQuery.people. */
const PEOPLE_SQL = `SELECT n.nip, COALESCE(e.name, o.name) AS name, e.pangkat, e.golongan, COALESCE(p.name, o.office) AS jabatan, u.name AS unit
   FROM unnest($1::text[]) AS n(nip)
   -- OFFSET 0 keeps the look-up per NIP by index in the generic plan, whatever the table's size.
   LEFT JOIN LATERAL (SELECT e.nip, e.name, e.pangkat, e.golongan FROM employee_view e WHERE e.nip = n.nip OFFSET 0) e ON true
   LEFT JOIN official_view o ON o.official_id = n.nip AND e.nip IS NULL
   LEFT JOIN LATERAL (SELECT agency_id, position_id FROM assignment_interval a
                       WHERE a.nip = n.nip AND a.from_date <= $2 AND (a.to_date IS NULL OR a.to_date >= $2)
                       ORDER BY (a.type = 'DEFINITIVE') DESC LIMIT 1) a ON true
   LEFT JOIN position_view p ON p.id = a.agency_id || '/' || a.position_id
   LEFT JOIN unit_view u ON u.id = p.agency_id || '/' || p.unit_id`;

/**
 * What a document shows besides its SKP, in one round trip: the people block of each NIP (`P` rows,
 * PEOPLE_SQL) and each linked superior RHK's text and status (`R` rows, as GetCascadeQuery.rhksOf).
 */
const DOCUMENT_EXTRAS_SQL = `SELECT 'P' AS kind, x.nip AS key, x.name AS text, x.pangkat, x.golongan, x.jabatan, x.unit, NULL::boolean AS approved
   FROM (${PEOPLE_SQL}) x
 UNION ALL
 SELECT 'R', r.id, r.text, NULL, NULL, NULL, NULL, r.approved FROM rhk_view r WHERE r.id = ANY($3::text[])`;

/** SQL of an employee's furthest SKP status among their rows of `skp_view` grouped by NIP: APPROVED once any version was approved. */
export const BEST_STATUS_SQL = `CASE WHEN bool_or(versions > 0) THEN 'APPROVED' ELSE max(status) END`;

@Injectable()
export class GetSkpQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisation: GetSupervisorQuery,
  ) {}

  /** Per employee, the furthest status of their SKP starting in [start, end]: APPROVED once any version was approved. */
  async bestStatusesOf(nips: readonly string[], start: IsoDate, end: IsoDate): Promise<Map<string, string>> {
    if (nips.length === 0) return new Map();
    const rows: { nip: string; status: string }[] = await this.dataSource.query(
      `SELECT nip, ${BEST_STATUS_SQL} AS status
         FROM skp_view WHERE nip = ANY($1) AND period_start >= $2 AND period_start <= $3 GROUP BY nip`,
      [nips, start, end],
    );
    return new Map(rows.map((r) => [r.nip, r.status]));
  }

  /** Per employee, the SKP whose period covers the date (the latest starting one). */
  async coveringOf(nips: readonly string[], date: IsoDate): Promise<Map<string, Pick<SkpView, 'skpId' | 'status' | 'versions' | 'state'>>> {
    if (nips.length === 0) return new Map();
    const rows: { nip: string; skp_id: string; status: SkpView['status']; versions: number; state: SkpView['state'] }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (nip) nip, skp_id, status, versions, state FROM skp_view
        WHERE nip = ANY($1) AND period_start <= $2 AND period_end >= $2 ORDER BY nip, period_start DESC`,
      [nips, date],
    );
    return new Map(rows.map((r) => [r.nip, { skpId: r.skp_id, status: r.status, versions: r.versions, state: r.state }]));
  }

  /** The rows of these SKPs, unchecked (callers decide who may see them). */
  async rowsOf(skpIds: readonly string[]): Promise<Map<string, SkpView>> {
    if (skpIds.length === 0) return new Map();
    const rows = await rowsByKey(this.dataSource, SkpView, skpIds);
    return new Map(rows.map((r) => [r.skpId, r]));
  }

  /** `chainOf`: how the organisation is asked (the document asks once for both questions). */
  async row(skpId: string, actor: Actor, today: IsoDate, chainOf = this.chains()): Promise<SkpView> {
    const [row] = await rowsByKey(this.dataSource, SkpView, [skpId]);
    if (!row) throw notFound('SKP_NOT_FOUND', 'SKP tidak ditemukan.');
    return this.authorized(row, actor, today, chainOf);
  }

  /**
   * `row` for an SKP whose state the caller has just read from its stream or decided (a command's
   * look-up or answer): the same fold as the read model's row and the same authorization, without
   * reading the row.
   */
  async stateRow(skp: SkpState, actor: Actor, today: IsoDate, chainOf = this.chains()): Promise<Pick<SkpView, 'nip' | 'agencyId' | 'status' | 'state'>> {
    if (skp.status === 'NONE') throw notFound('SKP_NOT_FOUND', 'SKP tidak ditemukan.');
    return this.authorized({ nip: skp.header.nip, agencyId: skp.header.agencyId, status: skp.status, state: skp }, actor, today, chainOf);
  }

  private async authorized<R extends Pick<SkpView, 'nip' | 'agencyId' | 'state'>>(row: R, actor: Actor, today: IsoDate, chainOf: ReturnType<GetSkpQuery['chains']>): Promise<R> {
    const superiors = async () => {
      const state = row.state as Extract<SkpState, { header: unknown }>;
      const chain = await chainOf(row.nip, referenceDate(today, state.header));
      return [chain.pejabatPenilai?.id, chain.atasanPejabatPenilai?.id].filter((n): n is string => !!n);
    };
    if (!(await maySeeSkp(actor, row, superiors))) throw forbidden('SKP_READ_FORBIDDEN', 'Anda tidak berwenang melihat SKP ini.');
    return row;
  }

  /** GetSupervisorQuery.chainOf, each (NIP, date) asked once. */
  private chains(): (nip: string, date: IsoDate) => Promise<ChainOnDate> {
    const asked = new Map<string, Promise<ChainOnDate>>();
    return (nip, date) => {
      const key = `${nip}@${date}`;
      if (!asked.has(key)) asked.set(key, this.organisation.chainOf(nip, date));
      return asked.get(key)!;
    };
  }

  /**
   * `decided`: the SKP's state as the command that just changed it decided it (a command's answer),
   * so the row is not read back (a round trip and a parse of the whole state less per SKP command).
   */
  async document(skpId: string, actor: Actor, today: IsoDate, version?: number, decided?: SkpState): Promise<SkpDocumentResponse> {
    const chainOf = this.chains();
    const row = decided && decided.status !== 'NONE' ? await this.stateRow(decided, actor, today, chainOf) : await this.row(skpId, actor, today, chainOf);
    const state = row.state as Extract<SkpState, { header: unknown }>;
    let shown: { rhk: Rhk[]; approach: string; perilaku: PerilakuKerja[]; lampiran: Lampiran; doc: SkpDocument | null };
    if (version !== undefined) {
      const doc = state.versions[version - 1];
      if (!doc) throw notFound('SKP_VERSION_NOT_FOUND', `Versi ${version} SKP ini tidak ada.`);
      shown = { rhk: doc.rhk, approach: doc.approach, perilaku: doc.perilaku, lampiran: doc.lampiran, doc };
    } else {
      const perilaku = CORE_VALUES.map((c) => ({
        coreValue: c,
        label: BERAKHLAK[c].label,
        panduanPerilaku: [...BERAKHLAK[c].panduanPerilaku],
        ekspektasiKhusus: state.ekspektasiKhusus[c] ?? null,
      }));
      shown = { rhk: state.rhk, approach: state.approach, perilaku, lampiran: state.lampiran, doc: null };
    }
    const header = state.header;
    const on = shown.doc ? shown.doc.approvedAt.slice(0, 10) : referenceDate(today, header);
    const penilaiNip = shown.doc?.approvedBy ?? (await chainOf(header.nip, referenceDate(on, header))).pejabatPenilai?.id ?? null;

    const { people, parentRhks } = await this.extras([header.nip, ...(penilaiNip ? [penilaiNip] : [])], on, linkedKeys(shown.rhk));

    const sections = (['UTAMA', 'TAMBAHAN'] as const).map((jenis, s) => {
      let no = 0;
      const rows: SkpDocumentRow[] = [];
      for (const r of shown.rhk.filter((x) => x.jenis === jenis)) {
        no++;
        const atasan =
          r.link?.kind === 'ATASAN_RHK'
            ? (parentRhks.get(linkKey(r.link))?.text ?? null)
            : r.link?.kind === 'PERJANJIAN_KINERJA'
              ? `Perjanjian Kinerja ${r.link.perjanjianKinerjaId} — sasaran ${r.link.sasaranId}`
              : null;
        for (const iki of r.indicators)
          rows.push({
            no,
            rencanaHasilKerjaAtasan: atasan,
            rencanaHasilKerja: r.text,
            aspek: iki.aspect,
            indikatorKinerjaIndividu: iki.indicator,
            target: targetText(iki.target),
            // a row folded before directions existed has neither field
            direction: withIkiDefaults(iki).direction,
            periodTargets: withIkiDefaults(iki).periodTargets.map((p) => ({ periodId: p.periodId, target: targetText(p.target) })),
            rhkId: r.rhkId,
            ikiId: iki.ikiId,
            perspektif: r.perspektif,
            source: iki.source ?? null,
          });
      }
      return { jenis, judul: `${s === 0 ? 'A' : 'B'}. ${jenis}`, rows };
    });

    return {
      skpId,
      status: row.status,
      version: shown.doc?.version ?? null,
      latestApprovedVersion: state.versions.length || null,
      periode: { start: header.periodStart, end: header.periodEnd },
      approach: shown.approach,
      pegawaiYangDinilai: people.get(header.nip)!,
      pejabatPenilaiKinerja: penilaiNip ? people.get(penilaiNip)! : null,
      columns: SKP_COLUMNS,
      hasilKerja: sections,
      perilakuKerja: shown.perilaku,
      lampiran: shown.lampiran,
      unresolvedLinks: unresolvedLinks(shown.rhk, isJpt(header.positionKind), (k) => parentRhks.get(k)?.status),
      returnNotes: state.returnNotes,
      approvedBy: shown.doc?.approvedBy ?? null,
      approvedAt: shown.doc?.approvedAt ?? null,
    };
  }

  async versions(skpId: string, actor: Actor, today: IsoDate): Promise<{ skpId: string; status: SkpStatus; versions: SkpDocument[] }> {
    const row = await this.row(skpId, actor, today);
    const state = row.state as Extract<SkpState, { header: unknown }>;
    return { skpId, status: row.status, versions: state.versions };
  }

  /**
   * A document's people blocks and linked superior RHKs, in one statement (DOCUMENT_EXTRAS_SQL): the
   * name, rank, position and unit of each NIP on the date (the form's header blocks; a city official
   * without a NIP, the kepala daerah, pejabat penilai of the Sekda, by name and office), and the text
   * and status of each RHK a link points at.
   */
  private async extras(nips: string[], on: IsoDate, linked: readonly string[]): Promise<{ people: Map<string, PersonBlock>; parentRhks: Map<string, LinkedRhk> }> {
    // Asked by every SKP document (a read, each SKP command's answer): planned once per connection,
    // its generic plan the per-key index look-ups whatever the keys (see genericPlanQuery).
    const rows = await genericPlanQuery<{
      kind: 'P' | 'R';
      key: string;
      text: string | null;
      pangkat: string | null;
      golongan: string | null;
      jabatan: string | null;
      unit: string | null;
      approved: boolean | null;
    }>(this.dataSource, 'work-planning/skp-document-extras', DOCUMENT_EXTRAS_SQL, [nips, on, linked]);
    const people = new Map<string, PersonBlock>();
    const parentRhks = new Map<string, LinkedRhk>();
    for (const r of rows) {
      if (r.kind === 'R') parentRhks.set(r.key, linkedRhk(r.text!, r.approved!));
      else
        people.set(r.key, {
          nip: r.key,
          nama: r.text,
          pangkatGolongan: [r.pangkat, r.golongan].filter(Boolean).join(', ') || null,
          jabatan: r.jabatan,
          unitKerja: r.unit,
        });
    }
    return { people, parentRhks };
  }
}

