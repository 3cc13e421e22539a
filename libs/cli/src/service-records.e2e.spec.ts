import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalIssuer } from '@kinerja/platform';
import { createTestDatabase, TestDatabase } from '@kinerja/testing';
import { CONSOLE_CITY, seedConsoleCity } from './console-fixture';
import { CityApi, Identity } from './demo/http';
import { launchSystem, RunningSystem } from './demo/system';

/**
 * Issue 19 through the documented HTTP APIs, the four services as processes (pg-log): an agency
 * publishes a service-time standard; an officer's IKI "% permohonan selesai dalam standar waktu" is
 * bound to it; the agency's system reports completed applications; the semester's realisation is
 * computed from them (the employee adds a narrative, cannot change the value), reaches evaluation
 * and moves the rating suggestion; an unknown officer and a duplicate are reported and change
 * nothing.
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
const skpId = `${people.pegawai.nip}-${YEAR}-01-01`;
const SERVICE = 'SURAT-SEHAT';

/** An application at the P2P counter on a May day, taking `minutes`. */
const application = (n: number, minutes: number, officerNip: string = people.pegawai.nip) => {
  const day = String(4 + (n % 20)).padStart(2, '0');
  const received = new Date(`${YEAR}-05-${day}T09:00:00+07:00`);
  return {
    sourceId: `SIMPUS-${n}`,
    serviceCode: SERVICE,
    unitId: 'P2P',
    officerNip,
    receivedAt: received.toISOString(),
    completedAt: new Date(received.getTime() + minutes * 60_000).toISOString(),
    channel: 'LOKET',
  };
};

type Realisation = { periodId: string; ikiId: string; revision: number; value: number | null; narrative: string | null; computed: { recordCount: number } | null };

describe('service records feed an officer’s indicator', () => {
  let db: TestDatabase;
  let keyDir: string;
  let system: RunningSystem;
  let api: CityApi;

  const semester = async (ok: (r: Realisation | undefined) => boolean, what: string) =>
    (
      await api.eventually(
        () => api.get('work-planning', `/skps/${skpId}/realisations?periodId=${YEAR}-S1`, as(people.pegawai)),
        (res: { realisations: Realisation[] }) => ok(res.realisations.find((r) => r.ikiId === 'L1')),
        what,
      )
    ).realisations.find((r: Realisation) => r.ikiId === 'L1') as Realisation;

  beforeAll(async () => {
    db = await createTestDatabase('service_records');
    keyDir = await mkdtemp(join(tmpdir(), 'kinerja-service-records-'));
    system = await launchSystem({ databaseUrl: db.url, transport: 'pg-log', keyDir, clockStart: `${YEAR}-06-20T03:00:00.000Z`, env: { DB_POOL_SIZE: '2' } });
    api = new CityApi(system.urls, await LocalIssuer.open(keyDir));
    await seedConsoleCity(api, YEAR);
  });
  afterAll(async () => {
    await system?.stop();
    await db?.drop();
    if (keyDir) await rm(keyDir, { recursive: true, force: true });
  });

  it('publishes the standard, readable on the citizens’ unit page', async () => {
    await api.put('feedback-intake', `/agencies/${agency.code}/service-standards/${SERVICE}`, admin, { name: 'Penerbitan surat keterangan sehat', amount: 1, unit: 'HOURS', effectiveFrom: `${YEAR}-01-01` });
    const page = await api.get('feedback-intake', '/public/units/P2P/service-standards', null);
    expect(page).toEqual([expect.objectContaining({ serviceCode: SERVICE, amount: 1, unit: 'HOURS', version: 1 })]);
  });

  it('binds an IKI to the standard; the SKP is approved', async () => {
    const me = as(people.pegawai);
    await api.post('work-planning', '/skps', me, { year: YEAR });
    const bad = await api.post(
      'work-planning',
      `/skps/${skpId}/rhk`,
      me,
      {
        rhkId: 'L',
        jenis: 'UTAMA',
        text: 'Terlayaninya permohonan surat keterangan sehat tepat waktu',
        link: { kind: 'ATASAN_RHK', skpId: `${people.kasi.nip}-${YEAR}-01-01`, rhkId: 'S1' },
        indicators: [
          { ikiId: 'L1', aspect: 'WAKTU', indicator: 'Rata-rata waktu', target: { kind: 'QUANTITATIVE', value: 1, unit: 'jam' }, direction: 'HIGHER_IS_BETTER', source: { kind: 'SERVICE_STANDARD', serviceCode: SERVICE, measure: 'AVERAGE_TIME' } },
        ],
      },
      { expect: [400] },
    );
    expect(bad).toMatchObject({ code: 'IKI_SOURCE_DIRECTION', field: 'direction' });
    await api.post('work-planning', `/skps/${skpId}/rhk`, me, {
      rhkId: 'L',
      jenis: 'UTAMA',
      text: 'Terlayaninya permohonan surat keterangan sehat tepat waktu',
      link: { kind: 'ATASAN_RHK', skpId: `${people.kasi.nip}-${YEAR}-01-01`, rhkId: 'S1' },
      indicators: [
        {
          ikiId: 'L1',
          aspect: 'KUALITAS',
          indicator: 'Persentase permohonan surat keterangan sehat selesai dalam standar waktu',
          target: { kind: 'QUANTITATIVE', value: 90, unit: '%' },
          periodTargets: [{ periodId: `${YEAR}-S1`, target: { kind: 'QUANTITATIVE', value: 90, unit: '%' } }],
          source: { kind: 'SERVICE_STANDARD', serviceCode: SERVICE, measure: 'PERCENT_WITHIN_STANDARD' },
        },
      ],
    });
    await api.post('work-planning', `/skps/${skpId}/submit`, me);
    await api.post('work-planning', `/skps/${skpId}/approve`, as(people.kasi));
    // The SKP document's row names the source, so the console shows the realisation as computed before any record arrives.
    const doc = await api.get('work-planning', `/skps/${skpId}`, as(people.kasi));
    expect(doc.hasilKerja[0].rows).toEqual([expect.objectContaining({ ikiId: 'L1', source: { kind: 'SERVICE_STANDARD', serviceCode: SERVICE, measure: 'PERCENT_WITHIN_STANDARD' } })]);
  });

  it('computes the semester’s realisation from the reported records; the employee adds a narrative but cannot change the value', async () => {
    // 8 of 10 within the hour.
    const records = Array.from({ length: 10 }, (_, n) => application(n, n < 8 ? 40 : 150));
    const report = await api.eventually(
      () => api.post('feedback-intake', `/agencies/${agency.code}/service-records`, admin, { records }, { expect: [201, 400] }),
      (r: { problems: unknown[] }) => r.problems.length === 0,
      'feedback-intake to know the officer and the unit',
    );
    expect(report).toMatchObject({ accepted: 10, duplicates: [] });
    const computed = await semester((r) => r?.value === 80, 'the computed realisation of 2026-S1');
    expect(computed).toMatchObject({ value: 80, computed: { recordCount: 10, source: { kind: 'SERVICE_STANDARD', serviceCode: SERVICE, measure: 'PERCENT_WITHIN_STANDARD' } } });

    const changed = await api.post('work-planning', `/skps/${skpId}/realisations`, as(people.pegawai), { periodId: `${YEAR}-S1`, ikiId: 'L1', value: 95, occurredOn: `${YEAR}-06-19` }, { expect: [400] });
    expect(changed).toMatchObject({ code: 'REALISATION_VALUE_COMPUTED', field: 'value' });
    await api.post('work-planning', `/skps/${skpId}/realisations`, as(people.pegawai), {
      periodId: `${YEAR}-S1`,
      ikiId: 'L1',
      narrative: 'Dua permohonan terlambat karena gangguan jaringan SIMPUS pada 10 Mei.',
      occurredOn: `${YEAR}-06-19`,
      evidence: [{ kind: 'LINK', url: 'https://dinkes.example.go.id/simpus/gangguan-10-mei' }],
    });
    const noted = await semester((r) => r?.narrative !== null, 'the narrative');
    expect(noted).toMatchObject({ value: 80, computed: { recordCount: 10 } });

    const figures = await api.get('feedback-intake', `/employees/${people.pegawai.nip}/service-figures?periodId=${YEAR}-S1`, as(people.kasi));
    expect(figures.services).toEqual([expect.objectContaining({ serviceCode: SERVICE, count: 10, withinStandard: 8, percentWithinStandard: 80 })]);
    const unit = await api.get('feedback-intake', `/units/P2P/service-figures?periodId=${YEAR}-S1`, admin);
    expect(unit.services).toEqual([expect.objectContaining({ serviceCode: SERVICE, count: 10, withinStandard: 8 })]);
  });

  it('moves the rating suggestion in evaluation as more records arrive; an unknown officer and a duplicate change nothing', async () => {
    const context = () => api.get('evaluation', `/periods/${agency.code}:${YEAR}:S1/employees/${people.pegawai.nip}/evaluation-context`, as(people.kasi));
    const before = await api.eventually(context, (c) => c.realisations?.some((r: { ikiId: string; value: number }) => r.ikiId === 'L1' && r.value === 80), 'the computed value in evaluation');
    expect(before.realisations).toEqual([expect.objectContaining({ ikiId: 'L1', value: 80, target: { kind: 'QUANTITATIVE', value: 90, unit: '%' }, targetBasis: 'PERIOD' })]);

    // Ten more, all within the hour: 18 of 20 = 90 %, the target.
    await api.post('feedback-intake', `/agencies/${agency.code}/service-records`, admin, { records: Array.from({ length: 10 }, (_, n) => application(10 + n, 30)) });
    const after = await api.eventually(context, (c) => c.realisations?.some((r: { ikiId: string; value: number }) => r.ikiId === 'L1' && r.value === 90), 'the new value in evaluation');
    expect(after.realisations[0].achievement).toBeGreaterThan(before.realisations[0].achievement);
    expect(after.suggestion.basis.meanAchievement).toBeGreaterThan(before.suggestion.basis.meanAchievement);

    const revision = (await semester((r) => r?.value === 90, 'the realisation at 90')).revision;
    const refused = await api.post(
      'feedback-intake',
      `/agencies/${agency.code}/service-records`,
      admin,
      { records: [application(0, 40), application(99, 40, '199901012020011001')] },
      { expect: [400] },
    );
    expect(refused.problems).toEqual([expect.objectContaining({ index: 1, field: 'officerNip', code: 'UNKNOWN_OFFICER' })]);
    const duplicate = await api.post('feedback-intake', `/agencies/${agency.code}/service-records`, admin, { records: [application(0, 40)] }, { expect: [200] });
    expect(duplicate).toMatchObject({ accepted: 0, duplicates: ['SIMPUS-0'] });
    const figures = await api.get('feedback-intake', `/employees/${people.pegawai.nip}/service-figures?periodId=${YEAR}-S1`, as(people.pegawai));
    expect(figures.services[0]).toMatchObject({ count: 20, withinStandard: 18 });
    expect((await semester(() => true, 'the realisation')).revision).toBe(revision);
  });
});
