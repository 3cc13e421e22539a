import { createHash } from 'node:crypto';
import type { ServiceRecordReportedV1 } from '@kinerja/contracts';
import { City, CityAgency, CityEmployee, CityUnit, generateCity, mulberry32 } from './city';
import { admin, CITY_ADMIN, cityMembers, DemoRoleHolder, grantDemoRoles, LEADS, planCityYear, registerCityOrganisation, setCityClock, skpId } from './city-seed';
import { inParallel } from '@kinerja/domain';
import { CityApi, Identity } from './http';
import type { InboundStream } from './inbound';

/**
 * The demo city's year, through the public HTTP APIs only (issue 8): the organisation (CSV import,
 * the Sekda in the Sekretariat Daerah above every Kepala OPD, the kepala daerah above the Sekda, a PLH), SKPs cascaded from the top, realisations with
 * evidence files, citizens' feedback, complaints (some breach their SLA), SKM surveys, continuous
 * feedback, the periodic (S1) and annual evaluations under the distribution curve, an objection that
 * changes a predicate, and the career decisions that follow — one of them revoked by that objection.
 * 2025 is played briefly first (plans and annual ratings), so that kenaikan pangkat (two years of
 * predicates) can be decided in 2027. Time is the services' simulated clock.
 */

export type Rating = 'DI_ATAS' | 'SESUAI' | 'DI_BAWAH';
export type Predicate = 'SANGAT_BAIK' | 'BAIK' | 'BUTUH_PERBAIKAN' | 'KURANG_MISCONDUCT' | 'SANGAT_KURANG';
export type OrgPredicate = 'ISTIMEWA' | 'BAIK' | 'BUTUH_PERBAIKAN' | 'KURANG' | 'SANGAT_KURANG';

/** PermenPANRB 6/2022 Lampiran: the predicate of a hasil and perilaku rating (docs/regulations.md §4.2). */
export const MATRIX: Record<Rating, Record<Rating, Predicate>> = {
  DI_ATAS: { DI_BAWAH: 'KURANG_MISCONDUCT', SESUAI: 'BAIK', DI_ATAS: 'SANGAT_BAIK' },
  SESUAI: { DI_BAWAH: 'KURANG_MISCONDUCT', SESUAI: 'BAIK', DI_ATAS: 'BAIK' },
  DI_BAWAH: { DI_BAWAH: 'SANGAT_KURANG', SESUAI: 'BUTUH_PERBAIKAN', DI_ATAS: 'BUTUH_PERBAIKAN' },
};
/** Leader rule of rule set 2022.1: the unit head's rating hasil from the organisation predicate. */
const LEADER_RATING: Record<OrgPredicate, Rating> = { ISTIMEWA: 'DI_ATAS', BAIK: 'SESUAI', BUTUH_PERBAIKAN: 'DI_BAWAH', KURANG: 'DI_BAWAH', SANGAT_KURANG: 'DI_BAWAH' };

export interface ScenarioOptions {
  employees: number;
  seed: number;
  /** Requests in flight. */
  concurrency?: number;
  log?: (line: string) => void;
  /**
   * The agencies' own systems' stream of completed applications (feedback-intake's inbound topic).
   * Without it they report them over HTTP in batches.
   */
  inbound?: InboundStream;
}

/** A front-line desk whose completed applications are reported (issue 19), and its standard time. */
export interface ServiceDesk {
  agencyId: string;
  unitId: string;
  serviceCode: string;
  name: string;
  indicator: string;
}

/** An officer whose IKI is bound to the desk's standard, and the realisation the records imply. */
export interface ServiceOfficer {
  nip: string;
  desk: ServiceDesk;
  /** Per period (`2026-S1`, `2026-S2`, `2026`): records completed, within the standard, the percentage. */
  expected: Record<string, { count: number; withinStandard: number; percent: number }>;
}

/** What the scenario implies, for the end-to-end comparison and the demo's summary. */
export interface ScenarioOutcome {
  city: City;
  year: number;
  /** NIP → the final 2026 annual predicate the scenario implies. */
  predicates: Record<string, Predicate>;
  /** The employee whose objection changed the predicate, and the decision it revoked. */
  objection: { nip: string; before: Predicate; after: Predicate; revokedDecisionId: string };
  issuedDecisions: string[];
  complaints: { filed: number; resolved: number; leftToBreach: number };
  /** Service records streamed through the year: how many, the officers bound to them, the reported problems. */
  serviceRecords: { sent: number; officers: ServiceOfficer[]; rejected: number };
  commands: number;
  phases: { name: string; seconds: number; calls: number }[];
  /** Who holds the HR roles, to sign in as on the development page (`demoRoleHolders`). */
  roleHolders: DemoRoleHolder[];
}

const AUDITOR: Identity = { role: 'AUDITOR', sub: 'inspektorat.auditor' };
const ppk = (a: CityAgency): Identity => ({ role: 'PPK', sub: `ppk.${a.agencyId.toLowerCase()}`, agencyId: a.agencyId });
const at = (date: string) => `${date}T02:00:00.000Z`; // 09:00 WIB
/** Where the services' simulated clock must start. */
export const SCENARIO_START = '2025-01-02T01:00:00.000Z';

/** Realised per semester against a yearly target of 12: above, on and below expectation. */
const realisedValue = (e: CityEmployee) => (e.performance === 'HIGH' ? 7 : e.performance === 'LOW' ? 4 : 6);

/** The desks of the demo city: KTP-el at Disdukcapil's Seksi Identitas Penduduk, letters at every kelurahan. */
function deskOf(a: CityAgency, u: CityUnit): ServiceDesk | null {
  if (/^DISDUKCAPIL/.test(a.agencyId) && u.unitId === `${a.agencyId}.B1.S1`)
    return { agencyId: a.agencyId, unitId: u.unitId, serviceCode: 'KTP-EL', name: 'Penerbitan KTP-el', indicator: 'Persentase permohonan KTP-el selesai dalam standar waktu' };
  if (/^KEC-/.test(a.agencyId) && /^Kelurahan /.test(u.name))
    return {
      agencyId: a.agencyId,
      unitId: u.unitId,
      serviceCode: 'SURAT-KETERANGAN',
      name: 'Penerbitan surat keterangan kelurahan',
      indicator: 'Persentase permohonan surat keterangan selesai dalam standar waktu',
    };
  return null;
}
/** Officers per desk whose IKI is bound to the standard (those performing above and below first). */
const OFFICERS_PER_DESK = 4;
/** The target of the bound IKI: 90 % of the applications within the standard time. */
const WITHIN_TARGET = 90;
/**
 * An officer's applications of 2026: on the 4th and the 16th of every month (twelve a semester), each
 * done the same day (the standard is one working day) or, when late, eight days later. Late: none for
 * an officer performing above expectation, one a semester as expected, every second one below.
 */
function applicationsOf(e: CityEmployee, year: number): { n: number; receivedAt: string; completedAt: string; late: boolean }[] {
  const out: { n: number; receivedAt: string; completedAt: string; late: boolean }[] = [];
  for (let month = 1; month <= 12; month++)
    for (const day of [4, 16]) {
      const n = out.length;
      const slot = n % 12;
      const late = e.performance === 'HIGH' ? false : e.performance === 'LOW' ? slot % 2 === 1 : slot === 5;
      const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const received = new Date(`${date}T08:30:00+07:00`);
      const completed = new Date(received.getTime() + (late ? 8 * 24 * 60 : 150) * 60_000);
      out.push({ n, receivedAt: received.toISOString(), completedAt: completed.toISOString(), late });
    }
  return out;
}
const percentOf = (within: number, count: number) => Math.round((within / count) * 1000) / 10;

/**
 * The desk officers of the city and what their records of `year` imply: per desk the officers
 * performing above and below expectation first, then the others, at most OFFICERS_PER_DESK. Pure.
 */
export function serviceOfficersOf(city: City, year: number): ServiceOfficer[] {
  const rank = { HIGH: 0, LOW: 1, NORMAL: 2 } as const;
  const out: ServiceOfficer[] = [];
  for (const a of city.agencies)
    for (const u of a.units) {
      const desk = deskOf(a, u);
      if (!desk) continue;
      const staff = a.employees.filter((e) => e.unitId === u.unitId && !LEADS.has(e.kind));
      for (const e of [...staff].sort((x, y) => rank[x.performance] - rank[y.performance]).slice(0, OFFICERS_PER_DESK)) {
        const apps = applicationsOf(e, year);
        const figure = (list: typeof apps) => {
          const within = list.filter((x) => !x.late).length;
          return { count: list.length, withinStandard: within, percent: percentOf(within, list.length) };
        };
        out.push({ nip: e.nip, desk, expected: { [`${year}-S1`]: figure(apps.slice(0, 12)), [`${year}-S2`]: figure(apps.slice(12)), [String(year)]: figure(apps) } });
      }
    }
  return out;
}

export async function runCityScenario(api: CityApi, options: ScenarioOptions): Promise<ScenarioOutcome> {
  const log = options.log ?? (() => undefined);
  const width = options.concurrency ?? 8;
  const city = generateCity({ employees: options.employees, seed: options.seed });
  const random = mulberry32(options.seed * 7919 + 1);
  const YEAR = 2026;
  const phases: ScenarioOutcome['phases'] = [];
  const { everyone, byNip, sekda, who } = cityMembers(city);
  const byAgency = new Map(city.agencies.map((a) => [a.agencyId, a]));
  // Issue 19: the officers at the desks, their IKI bound to the desk's standard time.
  const serviceOfficers = new Map(serviceOfficersOf(city, YEAR).map((o) => [o.nip, o]));
  const desks = [...new Map([...serviceOfficers.values()].map((o) => [o.desk.unitId, o.desk])).values()];

  const phase = async (name: string, work: () => Promise<void>) => {
    const started = Date.now();
    const calls = api.calls;
    log(`${name} ...`);
    await work();
    phases.push({ name, seconds: (Date.now() - started) / 1000, calls: api.calls - calls });
    log(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s, ${api.calls - calls} requests`);
  };
  const setClock = (date: string) => setCityClock(api, at(date));
  let roleHolders: DemoRoleHolder[] = [];

  // ---------------------------------------------------------------- organisation
  await phase('organisation: the city leadership, agencies, units, CSV import of every employee, acting officials', async () => {
    await setClock('2025-01-02');
    await registerCityOrganisation(api, city, {
      width,
      afterImport: async (a) => {
        // A Kepala Seksi on cuti besar in the last quarter: a colleague of the same Bidang acts (PLH).
        const seksiHeads = a.employees.filter((e) => e.kind === 'PENGAWAS' && /\.B1\.S\d$/.test(e.unitId));
        if (seksiHeads.length >= 2) {
          const [acting, away] = seksiHeads;
          const awayPost = (await api.get('work-planning', `/employees/${away.nip}/supervisor?date=2026-01-02`, CITY_ADMIN)).positions[0].positionId as string;
          await api.post('work-planning', `/agencies/${a.agencyId}/assignments`, admin(a), { nip: acting.nip, positionId: awayPost, type: 'PLH', from: '2026-10-01', to: '2026-12-31' });
        }
      },
    });
    // evaluation learns the organisation from work-planning's events: wait until it knows every pejabat penilai.
    await inParallel(everyone, width, async ({ e, a }) => {
      await api.eventually(
        () => api.get('evaluation', `/organisation/agencies/${a.agencyId}/employees/${e.nip}/reporting-chain?date=2025-06-30`, CITY_ADMIN),
        (chain) => chain.pejabatPenilaiId === e.atasanNip,
        `the organisation in evaluation (${e.nip})`,
      );
    });
    for (const a of city.agencies)
      await api.post('evaluation', `/agencies/${a.agencyId}/evaluation-calendars`, admin(a), { year: 2025, cadence: 'SEMESTER' }, { expect: [201, 409] });
    roleHolders = await grantDemoRoles(api, city);
  });

  // ---------------------------------------------------------------- plans
  /** A desk officer's 2026 IKI computed from the service records: its realisation is not typed. */
  const boundIndicators = (e: CityEmployee, year: number) => {
    const officer = serviceOfficers.get(e.nip);
    if (!officer || year !== YEAR) return [];
    const target = { kind: 'QUANTITATIVE', value: WITHIN_TARGET, unit: '%' };
    return [
      {
        ikiId: 'I2',
        aspect: 'KUALITAS',
        indicator: officer.desk.indicator,
        direction: 'HIGHER_IS_BETTER',
        target,
        periodTargets: (['S1', 'S2'] as const).map((s) => ({ periodId: `${year}-${s}`, target })),
        source: { kind: 'SERVICE_STANDARD', serviceCode: officer.desk.serviceCode, measure: 'PERCENT_WITHIN_STANDARD' },
      },
    ];
  };

  const planYear = (year: number) => planCityYear(api, city, year, { width, extraIndicators: boundIndicators });

  // ---------------------------------------------------------------- evaluations
  const orgPredicateOf = (unitId: string, year: number): OrgPredicate => {
    if (year === 2026 && /^[^.]+\.B1\.S1$/.test(unitId)) return 'ISTIMEWA';
    if (year === 2026 && /^[^.]+\.B2$/.test(unitId)) return 'ISTIMEWA';
    if (year === 2026 && /^[^.]+\.B2\.S2$/.test(unitId)) return 'BUTUH_PERBAIKAN';
    return 'BAIK';
  };
  const ratingsOf = (e: CityEmployee, year: number): { hasil: Rating; perilaku: Rating } => {
    if (LEADS.has(e.kind)) return { hasil: LEADER_RATING[orgPredicateOf(e.unitId, year)], perilaku: 'SESUAI' };
    if (year === 2025) return { hasil: 'SESUAI', perilaku: 'SESUAI' };
    return e.performance === 'HIGH' ? { hasil: 'DI_ATAS', perilaku: 'DI_ATAS' } : e.performance === 'LOW' ? { hasil: 'DI_BAWAH', perilaku: 'SESUAI' } : { hasil: 'SESUAI', perilaku: 'SESUAI' };
  };
  const annualPeriod = (a: CityAgency, year: number) => `${a.agencyId}:${year}:ANNUAL`;

  const evaluateYear = async (year: number, useSuggestion: boolean) => {
    // Organisation predicates: each unit's by the leader one level up (the Sekda for the agency).
    const units = city.agencies.flatMap((a) => a.units.map((u) => ({ a, u })));
    await inParallel(units, width, async ({ a, u }) => {
      const head = a.employees.find((e) => e.unitId === u.unitId && LEADS.has(e.kind))!;
      const setter = u.unitId === a.agencyId ? sekda : who(head.atasanNip);
      await api.put('evaluation', `/periods/${annualPeriod(a, year)}/units/${encodeURIComponent(u.unitId)}/organisation-predicate`, setter, {
        predicate: orgPredicateOf(u.unitId, year),
        basis: `Capaian kinerja organisasi ${year} (rekomendasi evaluasi SAKIP)`,
      });
    });
    await inParallel(everyone, width, async ({ e, a }) => {
      const period = annualPeriod(a, year);
      const rater = who(e.atasanNip);
      const { hasil, perilaku } = ratingsOf(e, year);
      let ratingHasil: Rating | undefined = LEADS.has(e.kind) ? undefined : hasil;
      if (useSuggestion && !LEADS.has(e.kind)) {
        // The pejabat penilai looks at the realisations and accepts the suggested rating hasil (once
        // evaluation has both semesters' realisations of the employee: they arrive by events).
        const realised = realisedValue(e);
        const computed = year === YEAR ? serviceOfficers.get(e.nip)?.expected[String(YEAR)] : undefined;
        const context = await api.eventually(
          () => api.get('evaluation', `/periods/${period}/employees/${e.nip}/evaluation-context`, rater),
          (c) =>
            (c.realisations ?? []).some((r: { ikiId: string; value: number | null }) => r.ikiId === 'I1' && r.value === realised * 2) &&
            (!computed || (c.realisations ?? []).some((r: { ikiId: string; value: number | null }) => r.ikiId === 'I2' && r.value === computed.percent)),
          `the realisations of ${e.nip} in evaluation`,
        );
        ratingHasil = context.suggestion?.ratingHasil ?? hasil;
      }
      await api.post('evaluation', `/periods/${period}/employees/${e.nip}/evaluation`, rater, {
        ...(ratingHasil ? { ratingHasil } : {}),
        ratingPerilaku: perilaku,
        justification: `Penilaian kinerja ${year}: capaian RHK dan perilaku kerja BerAKHLAK.`,
      });
    });
    // Penetapan: every unit with members, by the leader one level up (WARN: a justification is recorded).
    await inParallel(units, width, async ({ a, u }) => {
      const head = a.employees.find((e) => e.unitId === u.unitId && LEADS.has(e.kind))!;
      const setter = u.unitId === a.agencyId ? sekda : who(head.atasanNip);
      await api.post('evaluation', `/periods/${annualPeriod(a, year)}/units/${encodeURIComponent(u.unitId)}/finalization`, setter, {
        justification: 'Ditetapkan dalam rapat penetapan predikat; sebaran mengikuti capaian unit.',
      });
    });
  };

  // ---------------------------------------------------------------- 2025, briefly
  await phase('2025: SKPs cascaded from the top', () => planYear(2025));
  await phase('2025: annual evaluation', async () => {
    await setClock('2026-01-05');
    await evaluateYear(2025, false);
  });
  await setClock('2026-01-21');

  // ---------------------------------------------------------------- 2026, the whole year
  for (const a of city.agencies)
    await api.post('evaluation', `/agencies/${a.agencyId}/evaluation-calendars`, admin(a), { year: YEAR, cadence: 'SEMESTER' }, { expect: [201, 409] });
  await phase('2026: SKPs cascaded from the top', () => planYear(YEAR));

  const realise = async (semester: 'S1' | 'S2', occurredOn: string) => {
    await inParallel(everyone, width, async ({ e }) => {
      const me = who(e.nip);
      const id = skpId(e.nip, YEAR);
      const file = Buffer.from(`%PDF-1.4\n% Laporan ${semester} ${YEAR} ${e.nip} ${e.jabatan}\n`);
      const sha256 = createHash('sha256').update(file).digest('hex');
      await api.post('work-planning', `/skps/${id}/evidence-files?fileName=${encodeURIComponent(`laporan-${semester}.pdf`)}`, me, file, { contentType: 'application/pdf' });
      const value = realisedValue(e);
      await api.post('work-planning', `/skps/${id}/realisations`, me, {
        periodId: `${YEAR}-${semester}`,
        ikiId: 'I1',
        value,
        occurredOn,
        evidence: [{ kind: 'FILE', sha256 }],
      });
    });
  };

  // ---------------------------------------------------------------- service records (issue 19)
  const serviceRecords = { sent: 0, rejected: 0 };
  const UNKNOWN_OFFICER = '199901012020011001';
  const deskAgencies = [...new Set(desks.map((d) => d.agencyId))];
  const recordOf = (o: ServiceOfficer, x: ReturnType<typeof applicationsOf>[number]): ServiceRecordReportedV1 => ({
    agencyId: o.desk.agencyId,
    sourceId: `${o.desk.serviceCode}-${o.nip}-${x.n + 1}`,
    serviceCode: o.desk.serviceCode,
    unitId: o.desk.unitId,
    officerNip: o.nip,
    receivedAt: x.receivedAt,
    completedAt: x.completedAt,
    channel: x.n % 3 === 0 ? 'ONLINE' : 'LOKET',
  });
  let reportedUpTo = '';
  /**
   * The agencies' systems report the applications completed before `date` (WIB) and not yet
   * reported: on the inbound stream (the first time also one record sent twice and one of an officer
   * the agency does not have, which the stream's report keeps), or over HTTP without a stream.
   */
  const reportServiceRecords = async (date: string) => {
    const until = new Date(`${date}T00:00:00+07:00`).toISOString();
    const records = [...serviceOfficers.values()].flatMap((o) =>
      applicationsOf(byNip.get(o.nip)!.e, YEAR)
        .filter((x) => x.completedAt >= reportedUpTo && x.completedAt < until)
        .map((x) => recordOf(o, x)),
    );
    const first = reportedUpTo === '';
    reportedUpTo = until;
    if (records.length === 0) return;
    if (options.inbound) {
      const extras = first
        ? deskAgencies.flatMap((agencyId) => {
            const sample = records.find((r) => r.agencyId === agencyId)!;
            return [sample, { ...sample, sourceId: `${sample.sourceId}-X`, officerNip: UNKNOWN_OFFICER }];
          })
        : [];
      await options.inbound.send([...records, ...extras], at(date));
    } else {
      for (const agencyId of deskAgencies) {
        const mine = records.filter((r) => r.agencyId === agencyId).map(({ agencyId: _agency, ...r }) => r);
        for (let i = 0; i < mine.length; i += 300)
          await api.post('feedback-intake', `/agencies/${agencyId}/service-records`, admin({ agencyId }), { records: mine.slice(i, i + 300) }, { expect: [200, 201] });
      }
    }
    serviceRecords.sent += records.length;
  };
  /** work-planning computed each desk officer's realisation of `periodId` from every record of it. */
  const awaitComputed = async (periodId: string) => {
    await inParallel([...serviceOfficers.values()], width, async (o) => {
      const expected = o.expected[periodId];
      await api.eventually(
        () => api.get('work-planning', `/skps/${skpId(o.nip, YEAR)}/realisations?periodId=${periodId}`, who(o.nip)),
        (res: { realisations: { ikiId: string; value: number | null; computed: { recordCount: number } | null }[] }) =>
          res.realisations.some((r) => r.ikiId === 'I2' && r.value === expected.percent && r.computed?.recordCount === expected.count),
        `the computed realisation ${periodId} of ${o.nip}`,
      );
    });
  };

  if (desks.length > 0)
    await phase('2026: service standards published; the desks’ systems start reporting completed applications', async () => {
      for (const d of desks) {
        const a = byAgency.get(d.agencyId)!;
        await api.put('feedback-intake', `/directory/units/${encodeURIComponent(d.unitId)}`, admin(a), { agencyId: a.agencyId, name: a.units.find((u) => u.unitId === d.unitId)!.name }, { expect: [200, 201] });
        await api.put('feedback-intake', `/agencies/${a.agencyId}/service-standards/${d.serviceCode}`, admin(a), { name: d.name, amount: 1, unit: 'WORKING_DAYS', effectiveFrom: `${YEAR}-01-01` });
      }
    });

  const serving = city.agencies.flatMap((a) => a.units.filter((u) => u.servesCitizens).map((u) => ({ a, u })));
  const complaints = { filed: 0, resolved: 0, leftToBreach: 0 };
  await phase('2026: citizens: feedback, complaints (some breach their SLA), SKM surveys', async () => {
    await setClock('2026-03-02');
    await reportServiceRecords('2026-03-02');
    let citizen = 0;
    const address = () => {
      citizen++;
      return `10.${(citizen >> 16) & 255}.${(citizen >> 8) & 255}.${citizen & 255}`;
    };
    await inParallel(serving, width, async ({ a, u }, index) => {
      // Each unit's citizens draw from their own sequence, so the outcome does not depend on the order of requests.
      const random = mulberry32(options.seed * 104_729 + index);
      const staff = a.employees.filter((e) => e.unitId === u.unitId);
      const head = staff.find((e) => LEADS.has(e.kind))!;
      await api.put('feedback-intake', `/directory/units/${encodeURIComponent(u.unitId)}`, admin(a), { agencyId: a.agencyId, name: u.name }, { expect: [200, 201] });
      for (let i = 0; i < 4; i++) {
        const served = staff[Math.floor(random() * staff.length)];
        await api.post('feedback-intake', '/public/feedback', null, {
          unitId: u.unitId,
          rating: 2 + Math.floor(random() * 3),
          comment: i % 2 === 0 ? 'Pelayanan cepat dan ramah.' : 'Antrean agak lama, petugas membantu.',
          channel: i % 2 === 0 ? 'WEB_FORM' : 'KIOSK',
          ...(i === 0 ? { employeeId: served.nip } : {}),
        }, { forwardedFor: address() });
      }
      // Two complaints per unit: the first handled in time, the second left open past its SLA.
      for (let i = 0; i < 2; i++) {
        const filed = await api.post('feedback-intake', '/public/complaints', null, {
          unitId: u.unitId,
          category: i === 0 ? 'PELAYANAN' : 'SARANA_PRASARANA',
          channel: 'WEB_FORM',
          description: i === 0 ? `Berkas permohonan di ${u.name} belum diproses setelah dua minggu.` : `Ruang tunggu ${u.name} panas, kipas angin rusak.`,
        }, { forwardedFor: address() });
        complaints.filed++;
        if (i === 0) {
          const officer = who(head.nip);
          await api.post('feedback-intake', `/complaints/${filed.complaintId}/triage`, officer, { assignee: { kind: 'UNIT', unitId: u.unitId } });
          await api.post('feedback-intake', `/complaints/${filed.complaintId}/start`, officer);
          await api.post('feedback-intake', `/complaints/${filed.complaintId}/resolve`, officer, { resolution: 'Berkas telah diproses dan pemohon telah dihubungi.' });
          complaints.resolved++;
        } else complaints.leftToBreach++;
      }
      await api.post('feedback-intake', '/skm/periods', admin(a), { unitId: u.unitId, periodId: `${YEAR}-S1` });
      for (let r = 0; r < 6; r++) {
        const answers = Object.fromEntries(Array.from({ length: 9 }, (_, k) => [`U${k + 1}`, 2 + Math.floor(random() * 3)]));
        await api.post('feedback-intake', `/public/skm/${encodeURIComponent(u.unitId)}/${YEAR}-S1/responses`, null, { answers, channel: 'KIOSK' }, { forwardedFor: address() });
      }
    });
    // Three weeks later the SARANA_PRASARANA complaints (10 working days) are past their SLA.
    await setClock('2026-03-23');
    await api.eventually(
      () => api.get('feedback-intake', '/complaints/statistics', CITY_ADMIN),
      (stats: { slaBreached: number }[]) => stats.reduce((n, row) => n + row.slaBreached, 0) >= complaints.leftToBreach,
      'the SLA breaches',
      60_000,
    );
  });

  await phase('2026: continuous feedback through the year', async () => {
    await setClock('2026-05-11');
    await reportServiceRecords('2026-05-11');
    const givers = everyone.filter(({ e }) => !LEADS.has(e.kind) && random() < 0.5);
    await inParallel(givers, width, async ({ e }) => {
      // feedback-intake learns the approved SKP (its RHK) and the reporting line from work-planning's events.
      await api.whenKnown(
        () =>
          api.post('feedback-intake', '/continuous-feedback', who(e.atasanNip), {
            employeeId: e.nip,
            periodId: String(YEAR),
            topic: { kind: 'RHK', rhkId: 'R1' },
            content: e.performance === 'LOW' ? 'Laporan bulan ini terlambat; mohon jadwal kerja diperbaiki.' : 'Laporan bulan ini lengkap dan tepat waktu.',
          }),
        ['UNKNOWN_EMPLOYEE', 'UNKNOWN_RHK', 'NOT_PEJABAT_PENILAI'],
        `feedback-intake to know the SKP ${YEAR} of ${e.nip}`,
      );
    });
  });

  await phase('2026: semester 1: realisations with evidence, SKM closed (IKM), periodic evaluation', async () => {
    await setClock('2026-07-06');
    await reportServiceRecords('2026-07-06');
    // The desk officers' "% permohonan selesai dalam standar waktu" is computed from the records, not typed.
    await awaitComputed(`${YEAR}-S1`);
    if (options.inbound)
      for (const agencyId of deskAgencies) {
        const report = await api.eventually(
          () => api.get('feedback-intake', `/agencies/${agencyId}/service-records/rejections`, admin({ agencyId })),
          (list: unknown[]) => list.length > 0,
          `the stream's report of ${agencyId}`,
        );
        serviceRecords.rejected += report.length;
      }
    await realise('S1', '2026-06-30');
    await inParallel(serving, width, async ({ a, u }) => {
      await api.post('feedback-intake', `/skm/periods/${encodeURIComponent(u.unitId)}/${YEAR}-S1/close`, admin(a));
    });
    // Periodic (S1) ratings of the staff of the first agency by their pejabat penilai.
    const first = city.agencies[0];
    await inParallel(first.employees.filter((e) => !LEADS.has(e.kind)), width, async (e) => {
      const { hasil, perilaku } = ratingsOf(e, YEAR);
      await api.post('evaluation', `/periods/${first.agencyId}:${YEAR}:S1/employees/${e.nip}/evaluation`, who(e.atasanNip), {
        ratingHasil: hasil,
        ratingPerilaku: perilaku,
        justification: 'Evaluasi periodik semester 1.',
      });
    });
  });

  await phase('2026: semester 2 realisations', async () => {
    await setClock('2026-12-28');
    await reportServiceRecords('2026-12-28');
    await awaitComputed(`${YEAR}-S2`);
    await realise('S2', '2026-12-23');
  });

  await phase('2026: annual evaluation under the distribution curve', async () => {
    await setClock('2027-01-05');
    await evaluateYear(YEAR, true);
  });

  // ---------------------------------------------------------------- objection and career decisions
  const first = city.agencies[0];
  const objector = first.employees.find((e) => e.status === 'PNS' && e.kind === 'PELAKSANA' && e.performance === 'NORMAL' && e.tmtGolongan <= '2025-04-01')!;
  const objectionPeriod = annualPeriod(first, YEAR);
  const evaluationId = `${objectionPeriod}:${objector.nip}`;
  const kasi = byNip.get(objector.atasanNip)!.e;
  const issuedDecisions: string[] = [];
  const revokedDecisionId = `KP-${YEAR + 1}-04-${objector.nip.slice(-6)}`;

  await phase('2027: keberatan filed; the others become final when the window closes', async () => {
    await setClock('2027-01-08');
    await api.post('evaluation', `/evaluations/${evaluationId}/objection`, who(objector.nip), { reasons: 'Capaian saya sesuai target dan seluruh bukti telah diunggah; mohon predikat ditinjau.' });
    await api.post('evaluation', `/evaluations/${evaluationId}/explanation-requests`, who(kasi.atasanNip), { from: 'PEJABAT_PENILAI', question: 'Mohon penjelasan atas penilaian capaian RHK pegawai.' });
    await api.post('evaluation', `/evaluations/${evaluationId}/explanation-requests`, who(kasi.atasanNip), { from: 'PEGAWAI', question: 'Mohon tunjukkan bukti dukung capaian semester 2.' });
    await api.post('evaluation', `/evaluations/${evaluationId}/explanations`, who(kasi.nip), { from: 'PEJABAT_PENILAI', explanation: 'Dua laporan semester 2 adalah salinan laporan semester 1.' });
    await setClock('2027-01-21');
    const total = everyone.length;
    await api.eventually(
      () => api.get('evaluation', `/city-dashboard?year=${YEAR}&code=ANNUAL`, AUDITOR),
      (d) => d.agencies.reduce((n: number, x: { finalized: number }) => n + x.finalized, 0) === total - 1,
      'the scheduler finalising every predicate but the objected one',
    );
  });

  /** The HR admin proposes, the PPK approves, BKPSDM issues: three people (separation of duties). */
  const issueDecision = async (a: CityAgency, proposal: { decisionId: string; kind: string; nip: string; effectiveDate: string }) => {
    await api.post('career-decisions', `/agencies/${a.agencyId}/decisions`, admin(a), proposal);
    await api.post('career-decisions', `/decisions/${proposal.decisionId}/approve`, ppk(a));
    await api.post('career-decisions', `/decisions/${proposal.decisionId}/issue`, CITY_ADMIN);
    issuedDecisions.push(proposal.decisionId);
  };

  await phase('2027: career decisions: kenaikan pangkat 1 April, awards', async () => {
    await setClock('2027-02-10');
    for (const a of city.agencies.slice(0, 2)) {
      const candidates = a.employees.filter((e) => e.status === 'PNS' && e.tmtGolongan <= '2025-04-01' && !LEADS.has(e.kind)).slice(0, 6);
      if (a === first && !candidates.includes(objector)) candidates.push(objector);
      // Golongan and TMT reach career-decisions from the organisation import (EmployeeRegistered.v1): nothing is typed again.
      const list = await api.eventually(
        () => api.get('career-decisions', `/agencies/${a.agencyId}/eligibility?rule=KENAIKAN_PANGKAT&asOf=${YEAR + 1}-04-01`, admin(a)),
        (l) => a !== first || l.employees.some((x: { nip: string; eligible: boolean }) => x.nip === objector.nip && x.eligible),
        'kenaikan pangkat eligibility',
      );
      const eligible = (list.employees as { nip: string; eligible: boolean }[]).filter((x) => x.eligible && candidates.some((c) => c.nip === x.nip));
      for (const x of eligible) {
        const decisionId = `KP-${YEAR + 1}-04-${x.nip.slice(-6)}`;
        await issueDecision(a, { decisionId, kind: 'KENAIKAN_PANGKAT', nip: x.nip, effectiveDate: `${YEAR + 1}-04-01` });
      }
      const awards = await api.get('career-decisions', `/agencies/${a.agencyId}/eligibility?rule=PENGHARGAAN&asOf=${YEAR + 1}-02-10`, admin(a));
      for (const x of (awards.employees as { nip: string; eligible: boolean }[]).filter((y) => y.eligible).slice(0, 2)) {
        const decisionId = `PH-${YEAR + 1}-${x.nip.slice(-6)}`;
        await issueDecision(a, { decisionId, kind: 'PENGHARGAAN', nip: x.nip, effectiveDate: `${YEAR + 1}-02-17` });
      }
    }
  });

  await phase('2027: the keberatan is decided: the predicate changes and the kenaikan pangkat resting on it is revoked', async () => {
    await setClock('2027-03-03');
    await api.post('evaluation', `/evaluations/${evaluationId}/decision`, who(kasi.atasanNip), {
      outcome: 'CHANGE',
      ratingHasil: 'DI_BAWAH',
      ratingPerilaku: 'SESUAI',
      reasons: 'Bukti dukung semester 2 merupakan salinan laporan semester 1; capaian RHK di bawah ekspektasi (PP 30/2019 Pasal 59 ayat 4).',
    });
    await api.eventually(
      () => api.get('career-decisions', `/decisions/${revokedDecisionId}`, admin(first)),
      (d) => d.status === 'REVOKED',
      'the revocation of the kenaikan pangkat',
    );
  });

  const predicates: Record<string, Predicate> = {};
  for (const { e } of everyone) {
    const { hasil, perilaku } = ratingsOf(e, YEAR);
    predicates[e.nip] = MATRIX[hasil][perilaku];
  }
  const before = predicates[objector.nip];
  predicates[objector.nip] = MATRIX.DI_BAWAH.SESUAI;
  return {
    city,
    year: YEAR,
    predicates,
    objection: { nip: objector.nip, before, after: predicates[objector.nip], revokedDecisionId },
    issuedDecisions,
    complaints,
    serviceRecords: { ...serviceRecords, officers: [...serviceOfficers.values()] },
    commands: api.calls,
    phases,
    roleHolders,
  };
}
