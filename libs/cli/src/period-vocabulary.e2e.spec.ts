import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalIssuer } from '@kinerja/platform';
import { createTestDatabase, TestDatabase } from '@kinerja/testing';
import { CONSOLE_CITY, seedConsoleCity } from './console-fixture';
import { CityApi, Identity } from './demo/http';
import { launchSystem, RunningSystem } from './demo/system';

/**
 * Issue 14 §2 and §3 through the public HTTP APIs only, the four services as processes: facts
 * recorded in other services for `2026-S1` (a realisation, continuous feedback, an SKM survey, a
 * citizen's rating received in the semester) all
 * reach evaluation's context of the agency's first semester, and a WAKTU indicator realised better
 * than its semester target is suggested DI_ATAS, with the basis shown. Any other period form is a
 * 400 naming the field in every service.
 */
jest.setTimeout(20 * 60_000);

const YEAR = 2026;
const { agency, people } = CONSOLE_CITY;
const as = (p: (typeof people)[keyof typeof people]): Identity => ({
  role: p.kind === 'FUNGSIONAL' || p.kind === 'PELAKSANA' ? 'EMPLOYEE' : 'SUPERVISOR',
  sub: p.nip,
  agencyId: agency.code,
});
const admin: Identity = { role: 'ADMIN_OPD', sub: 'admin.dinkes', agencyId: agency.code };
const skpOf = (nip: string) => `${nip}-${YEAR}-01-01`;

describe('one period vocabulary across the services', () => {
  let db: TestDatabase;
  let keyDir: string;
  let system: RunningSystem;
  let api: CityApi;

  beforeAll(async () => {
    db = await createTestDatabase('skp_periods');
    keyDir = await mkdtemp(join(tmpdir(), 'kinerja-periods-e2e-'));
    system = await launchSystem({ databaseUrl: db.url, transport: 'pg-log', keyDir, clockStart: `${YEAR}-06-20T03:00:00.000Z`, env: { DB_POOL_SIZE: '2' } });
    api = new CityApi(system.urls, await LocalIssuer.open(keyDir));
    await seedConsoleCity(api, YEAR);
  });
  afterAll(async () => {
    await system?.stop();
    await db?.drop();
    if (keyDir) await rm(keyDir, { recursive: true, force: true });
  });

  it('plans a WAKTU indicator with semester targets; submit, approval', async () => {
    const me = as(people.pegawai);
    await api.post('work-planning', '/skps', me, { year: YEAR });
    const doc = await api.post('work-planning', `/skps/${skpOf(people.pegawai.nip)}/rhk`, me, {
      rhkId: 'T1',
      jenis: 'UTAMA',
      text: 'Tersedianya laporan surveilans mingguan yang cepat',
      link: { kind: 'ATASAN_RHK', skpId: skpOf(people.kasi.nip), rhkId: 'S1' },
      indicators: [
        {
          ikiId: 'W1',
          aspect: 'WAKTU',
          indicator: 'Rata-rata waktu penyampaian laporan setelah minggu berakhir',
          target: { kind: 'QUANTITATIVE', value: 5, unit: 'hari' },
          periodTargets: [
            { periodId: `${YEAR}-S1`, target: { kind: 'QUANTITATIVE', value: 3, unit: 'hari' } },
            { periodId: `${YEAR}-S2`, target: { kind: 'QUANTITATIVE', value: 2, unit: 'hari' } },
          ],
        },
      ],
    });
    expect(doc.hasilKerja[0].rows[0]).toMatchObject({
      direction: 'LOWER_IS_BETTER',
      target: '5 hari',
      periodTargets: [
        { periodId: `${YEAR}-S1`, target: '3 hari' },
        { periodId: `${YEAR}-S2`, target: '2 hari' },
      ],
    });
    await api.post('work-planning', `/skps/${skpOf(people.pegawai.nip)}/submit`, me);
    await api.post('work-planning', `/skps/${skpOf(people.pegawai.nip)}/approve`, as(people.kasi));
  });

  it('records a realisation, continuous feedback and an SKM survey for 2026-S1, and a citizen rates the pegawai', async () => {
    const period = `${YEAR}-S1`;
    await api.post('work-planning', `/skps/${skpOf(people.pegawai.nip)}/realisations`, as(people.pegawai), {
      periodId: period,
      ikiId: 'W1',
      value: 2,
      occurredOn: `${YEAR}-06-15`,
      evidence: [{ kind: 'LINK', url: 'https://dinkes.example.go.id/surveilans/s1' }],
    });
    await api.whenKnown(
      () =>
        api.post('feedback-intake', '/continuous-feedback', as(people.kasi), {
          employeeId: people.pegawai.nip,
          periodId: period,
          topic: { kind: 'RHK', rhkId: 'T1' },
          content: 'Laporan mingguan selalu masuk lebih cepat dari target.',
        }),
      ['UNKNOWN_EMPLOYEE', 'UNKNOWN_RHK', 'NOT_PEJABAT_PENILAI'],
      'feedback-intake to know the approved SKP',
    );
    await api.post('feedback-intake', '/skm/periods', admin, { unitId: 'P2P', periodId: period });
    for (let r = 0; r < 3; r++) {
      const answers = Object.fromEntries(Array.from({ length: 9 }, (_, k) => [`U${k + 1}`, 3 + ((r + k) % 2)]));
      await api.post('feedback-intake', `/public/skm/P2P/${period}/responses`, null, { answers, channel: 'KIOSK' }, { forwardedFor: `10.9.0.${r + 1}` });
    }
    await api.post('feedback-intake', `/skm/periods/P2P/${period}/close`, admin);
    // The console city's citizen already rated the pegawai 4 when it was seeded (in June too).
    await api.post('feedback-intake', '/public/feedback', null, { unitId: 'P2P', rating: 3, channel: 'WEB_FORM', employeeId: people.pegawai.nip }, { forwardedFor: '10.9.1.1' });
  });

  it("finds each of them in evaluation's context of the agency's first semester; the WAKTU indicator suggests DI_ATAS with its basis", async () => {
    const context = await api.eventually(
      () => api.get('evaluation', `/periods/${agency.code}:${YEAR}:S1/employees/${people.pegawai.nip}/evaluation-context`, as(people.kasi)),
      (c) =>
        c.realisations?.some((r: { target: unknown }) => r.target !== null) &&
        c.feedbackCounts?.PEJABAT_PENILAI === 1 &&
        c.unitIkm !== null &&
        c.citizenRatings?.count === 2,
      'the facts of 2026-S1 in evaluation',
    );
    expect(context).toMatchObject({
      factsPeriodId: `${YEAR}-S1`,
      feedbackCounts: { PEJABAT_PENILAI: 1 },
      citizenRatings: { count: 2, byRating: { '3': 1, '4': 1 } },
      unitIkm: { periodId: `${YEAR}-S1`, respondentCount: 3 },
      realisations: [
        {
          ikiId: 'W1',
          aspect: 'WAKTU',
          direction: 'LOWER_IS_BETTER',
          periodId: `${YEAR}-S1`,
          value: 2,
          // compared with the semester's 3 hari, not the year's 5: (2 × 3 − 2) ÷ 3
          target: { value: 3, unit: 'hari' },
          targetBasis: 'PERIOD',
          achievement: 1.3333,
        },
      ],
      suggestion: {
        ratingHasil: 'DI_ATAS',
        basis: {
          indicatorCount: 1,
          meanAchievement: 1.2,
          indicators: [{ indicatorId: 'W1', achievement: 1.3333, counted: 1.2, basis: { direction: 'LOWER_IS_BETTER', target: 3, targetBasis: 'PERIOD', value: 2 } }],
          thresholds: { diAtasFromMean: 1.1 },
        },
      },
    });
    const periods = await api.get('evaluation', `/agencies/${agency.code}/periods?year=${YEAR}`, admin);
    expect(periods.periods.map((p: { factsPeriodId: string }) => p.factsPeriodId)).toEqual([`${YEAR}-S1`, `${YEAR}-S2`, String(YEAR)]);
  });

  it('refuses any other form of period in every service with a 400 naming the field', async () => {
    const realisation = await api.post('work-planning', `/skps/${skpOf(people.pegawai.nip)}/realisations`, as(people.pegawai), {
      periodId: `${agency.code}:${YEAR}:S1`,
      ikiId: 'W1',
      value: 2,
      occurredOn: `${YEAR}-06-15`,
    }, { expect: [400] });
    expect(realisation).toMatchObject({ field: 'periodId' });
    const feedback = await api.post('feedback-intake', '/continuous-feedback', as(people.kasi), {
      employeeId: people.pegawai.nip,
      periodId: `${YEAR}-06`,
      topic: { kind: 'BERAKHLAK', value: 'KOLABORATIF' },
      content: 'Bentuk periode lama.',
    }, { expect: [400] });
    expect(feedback).toMatchObject({ field: 'periodId' });
    const skm = await api.post('feedback-intake', '/skm/periods', admin, { unitId: 'P2P', periodId: `${YEAR}-H1` }, { expect: [400] });
    expect(skm).toMatchObject({ field: 'periodId' });
    const context = await api.get('evaluation', `/periods/${YEAR}-S1/employees/${people.pegawai.nip}/evaluation-context`, as(people.kasi), { expect: [400] });
    expect(context).toMatchObject({ code: 'INVALID_PERIOD_ID', field: 'periodId' });
  });
});
