import { createHash } from 'node:crypto';
import { createDataSource, ProjectionRunner } from '@kinerja/projections';
import { READ_MODELS } from '../src/read-models';
import { bootHarness, Harness } from './support/harness';

const NOW = '2024-01-15T03:00:00.000Z';
const SEKDA = '196805121990031002';
const KADIS = '197001011995031001';
const STAFF = '199003152015031002';
const skpOf = (nip: string) => `${nip}-2024-01-01`;
const SKP = skpOf(STAFF);

describe('work-planning: realisations with evidence through HTTP', () => {
  let h: Harness;
  const as = (nip: string) => h.as('EMPLOYEE', nip, 'DINKES');
  const pdf = Buffer.from('%PDF-1.4\n% laporan surveilans Q1\n');

  beforeAll(async () => {
    h = await bootHarness('wp_real', { now: NOW, env: { EVIDENCE_MAX_BYTES: '1024' } });
    const city = await h.as('ADMIN_CITY', 'bkpsdm.admin');
    await city.post('/agencies').send({ code: 'DINKES', name: 'Dinas Kesehatan' }).expect(201);
    for (const [nip, name] of [
      [SEKDA, 'Sekretaris Daerah'],
      [KADIS, 'Kepala Dinas'],
      [STAFF, 'Budi Santoso'],
    ])
      await city.post('/employees').send({ nip, name, status: 'PNS', agencyId: 'DINKES' }).expect(201);
    const admin = await h.as('ADMIN_OPD', 'dinkes.admin', 'DINKES');
    await admin.post('/agencies/DINKES/units').send({ unitId: 'DINKES', name: 'Dinas Kesehatan' }).expect(201);
    for (const [positionId, kind, parentPositionId, nip] of [
      ['SEKDA', 'JPT_PRATAMA', null, SEKDA],
      ['KADIS', 'JPT_PRATAMA', 'SEKDA', KADIS],
      ['STAF', 'PELAKSANA', 'KADIS', STAFF],
    ] as const) {
      await admin.post('/agencies/DINKES/positions').send({ positionId, name: positionId, kind, unitId: 'DINKES', parentPositionId, establishedOn: '2020-01-01' }).expect(201);
      await admin.post('/agencies/DINKES/assignments').send({ nip, positionId, type: 'DEFINITIVE', from: '2021-01-01' }).expect(201);
    }
    await (await as(KADIS)).post('/skps').send({ year: 2024 }).expect(201);
    await (await as(KADIS))
      .post(`/skps/${skpOf(KADIS)}/rhk`)
      .send({
        rhkId: 'J1',
        jenis: 'UTAMA',
        text: 'Meningkatnya cakupan imunisasi',
        link: { kind: 'PERJANJIAN_KINERJA', perjanjianKinerjaId: 'PK-2024', sasaranId: 'S1' },
        perspektif: 'PENERIMA_LAYANAN',
        indicators: [{ ikiId: 'J1-1', aspect: 'KUANTITAS', indicator: 'Cakupan imunisasi', target: { kind: 'QUANTITATIVE', value: 95, unit: 'persen' } }],
      })
      .expect(201);
    await (await as(KADIS)).post(`/skps/${skpOf(KADIS)}/submit`).expect(200);
    await (await as(SEKDA)).post(`/skps/${skpOf(KADIS)}/approve`).expect(200);
    await (await as(STAFF)).post('/skps').send({ year: 2024, approach: 'KUALITATIF' }).expect(201);
    await (await as(STAFF))
      .post(`/skps/${SKP}/rhk`)
      .send({
        rhkId: 'T1',
        jenis: 'UTAMA',
        text: 'Tersusunnya laporan imunisasi',
        link: { kind: 'ATASAN_RHK', skpId: skpOf(KADIS), rhkId: 'J1' },
        indicators: [
          { ikiId: 'T1-1', aspect: 'KUANTITAS', indicator: 'Jumlah laporan', target: { kind: 'QUANTITATIVE', value: 12, unit: 'laporan' } },
          { ikiId: 'T1-2', aspect: 'KUALITAS', indicator: 'Mutu laporan', target: { kind: 'QUALITATIVE', description: 'Tanpa revisi dari kepala dinas' } },
        ],
      })
      .expect(201);
    await (await as(STAFF)).post(`/skps/${SKP}/submit`).expect(200);
  });
  afterAll(() => h?.close());

  const record = (body: Record<string, unknown>) => ({ periodId: '2024-Q1', occurredOn: '2024-01-10', evidence: [], ...body });

  it('refuses a realisation before the SKP is approved (409), storing nothing', async () => {
    const before = await h.eventCount();
    const res = await (await as(STAFF)).post(`/skps/${SKP}/realisations`).send(record({ ikiId: 'T1-1', value: 1 }));
    expect([res.status, res.body.code]).toEqual([409, 'SKP_NOT_APPROVED']);
    expect(await h.eventCount()).toBe(before);
    // the pejabat penilai's queue: the submitted SKP, since when and by when it is due
    const queue = (await (await as(KADIS)).get(`/supervisors/${KADIS}/queue?date=2024-02-05`).expect(200)).body;
    expect(queue.skpsToApprove).toEqual([
      expect.objectContaining({ skpId: SKP, nip: STAFF, status: 'SUBMITTED', version: 1, periodStart: '2024-01-01', deadline: '2024-01-31', overdue: true, unresolvedLinks: [] }),
    ]);
    expect((await (await as(STAFF)).get(`/supervisors/${KADIS}/queue`)).status).toBe(403);
    await (await as(KADIS)).post(`/skps/${SKP}/approve`).expect(200);
    expect((await (await as(KADIS)).get(`/supervisors/${KADIS}/queue?date=2024-02-05`).expect(200)).body.skpsToApprove).toEqual([]);
  });

  it('stores an evidence file by content hash, within the configured size limit', async () => {
    const up = await (await as(STAFF)).post(`/skps/${SKP}/evidence-files?fileName=laporan-q1.pdf`).set('content-type', 'application/pdf').send(pdf).expect(201);
    expect(up.body).toEqual({ sha256: createHash('sha256').update(pdf).digest('hex'), sizeBytes: pdf.length, fileName: 'laporan-q1.pdf', mediaType: 'application/pdf' });
    const big = await (await as(STAFF)).post(`/skps/${SKP}/evidence-files?fileName=besar.pdf`).set('content-type', 'application/pdf').send(Buffer.alloc(2048, 1));
    expect([big.status, big.body.code]).toEqual([400, 'EVIDENCE_TOO_LARGE']);
    const other = await (await as(KADIS)).post(`/skps/${SKP}/evidence-files?fileName=x.pdf`).set('content-type', 'application/pdf').send(pdf);
    expect(other.status).toBe(403);
  });

  it('records a value with a link and a file; a correction is a new revision; the same record again changes nothing', async () => {
    h.clock.set('2024-03-20T03:00:00.000Z');
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const body = record({ ikiId: 'T1-1', value: 3, evidence: [{ kind: 'LINK', url: 'https://dinkes.example.go.id/laporan/q1' }, { kind: 'FILE', sha256 }] });
    const first = await (await as(STAFF)).post(`/skps/${SKP}/realisations`).send(body).expect(201);
    expect(first.body.realisations).toEqual([
      {
        periodId: '2024-Q1',
        ikiId: 'T1-1',
        revision: 1,
        value: 3,
        narrative: null,
        evidence: [
          { kind: 'LINK', url: 'https://dinkes.example.go.id/laporan/q1', title: null },
          { kind: 'FILE', sha256, sizeBytes: pdf.length, fileName: 'laporan-q1.pdf', mediaType: 'application/pdf' },
        ],
        occurredOn: '2024-01-10',
        recordedAt: '2024-03-20T03:00:00.000Z',
        late: false,
        computed: null,
      },
    ]);
    const stored = await h.eventCount();
    await (await as(STAFF)).post(`/skps/${SKP}/realisations`).send(body).expect(201);
    expect(await h.eventCount()).toBe(stored);
    const corrected = await (await as(STAFF)).post(`/skps/${SKP}/realisations`).send({ ...body, value: 4 }).expect(201);
    expect(corrected.body.realisations[0]).toMatchObject({ revision: 2, value: 4 });
    // A recorded realisation answers from the state it decided, not from the read model: what a read of the period returns.
    expect((await (await as(STAFF)).get(`/skps/${SKP}/realisations?periodId=2024-Q1`).expect(200)).body).toEqual(corrected.body);
    expect((await (await as(KADIS)).get(`/skps/${SKP}/realisations?periodId=2024-Q1`).expect(200)).body).toEqual(corrected.body);
    const file = await (await as(KADIS)).get(`/skps/${SKP}/evidence-files/${sha256}`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(file.status).toBe(200);
    expect(Buffer.compare(file.body as Buffer, pdf)).toBe(0);
  });

  it('marks a realisation recorded after the Batas Pengisian as late, still accepting it', async () => {
    h.clock.set('2024-04-15T03:00:00.000Z');
    const res = await (await as(STAFF)).post(`/skps/${SKP}/realisations`).send(record({ ikiId: 'T1-2', narrative: 'Laporan diterima tanpa revisi' })).expect(201);
    expect(res.body.realisations.find((r: { ikiId: string }) => r.ikiId === 'T1-2')).toMatchObject({ late: true, narrative: 'Laporan diterima tanpa revisi' });
    expect(res.body.realisations.map((r: { ikiId: string }) => r.ikiId)).toEqual(['T1-1', 'T1-2']);
    expect((await (await as(STAFF)).get(`/skps/${SKP}/realisations?periodId=2024-Q1`).expect(200)).body).toEqual(res.body);
    const [event] = (await h.store.readStream(`realisations-${SKP}-2024-Q1`)).filter((e) => (e.data as { ikiId: string }).ikiId === 'T1-2');
    expect(event.metadata).toMatchObject({ occurredAt: '2024-01-10T00:00:00.000Z' });
  });

  it('refuses a qualitative IKI without narrative, an unknown IKI, a date outside the period, an unknown period or file, and anyone but the owner', async () => {
    const before = await h.eventCount();
    const staff = await as(STAFF);
    const cases: [Record<string, unknown>, number, string][] = [
      [record({ ikiId: 'T1-2' }), 400, 'REALISATION_NARRATIVE_REQUIRED'],
      [record({ ikiId: 'NOPE', value: 1 }), 400, 'IKI_UNKNOWN'],
      [record({ ikiId: 'T1-1', value: 1, occurredOn: '2024-05-01' }), 400, 'REALISATION_OUTSIDE_PERIOD'],
      [record({ ikiId: 'T1-1', value: 1, periodId: '2024-Q9' }), 400, 'VALIDATION_FAILED'],
      [record({ ikiId: 'T1-1', value: 1, periodId: 'DINKES:2024:Q1' }), 400, 'VALIDATION_FAILED'],
      [record({ ikiId: 'T1-1', value: 1, periodId: '2024-03' }), 400, 'VALIDATION_FAILED'],
      [record({ ikiId: 'T1-1', value: 1, periodId: '2025-Q1', occurredOn: '2025-01-10' }), 400, 'REALISATION_PERIOD_OUTSIDE_SKP'],
      [record({ ikiId: 'T1-1', value: 1, evidence: [{ kind: 'FILE', sha256: 'b'.repeat(64) }] }), 400, 'EVIDENCE_FILE_UNKNOWN'],
      // One look-up for every cited file: an uploaded one does not carry an unknown one along.
      [record({ ikiId: 'T1-1', value: 1, evidence: [{ kind: 'FILE', sha256: createHash('sha256').update(pdf).digest('hex') }, { kind: 'FILE', sha256: 'c'.repeat(64) }] }), 400, 'EVIDENCE_FILE_UNKNOWN'],
      [record({ ikiId: 'T1-1', value: 1, evidence: [{ kind: 'LINK', url: 'ftp://x' }] }), 400, 'EVIDENCE_LINK_INVALID'],
    ];
    for (const [body, status, code] of cases) {
      const res = await staff.post(`/skps/${SKP}/realisations`).send(body);
      expect([res.status, res.body.code]).toEqual([status, code]);
      if (code === 'VALIDATION_FAILED') expect(res.body.field).toBe('periodId');
    }
    const byKadis = await (await as(KADIS)).post(`/skps/${SKP}/realisations`).send(record({ ikiId: 'T1-1', value: 1 }));
    expect([byKadis.status, byKadis.body.code]).toEqual([403, 'REALISATION_OWNER_ONLY']);
    expect(await h.eventCount()).toBe(before);
  });

  it("lists the employee's own realisations across their SKPs, by period of the vocabulary", async () => {
    const mine = (await (await as(STAFF)).get(`/employees/${STAFF}/realisations?periodId=2024-Q1`).expect(200)).body;
    expect(mine.realisations.map((r: { ikiId: string; periodId: string }) => [r.periodId, r.ikiId])).toEqual([
      ['2024-Q1', 'T1-1'],
      ['2024-Q1', 'T1-2'],
    ]);
    expect((await (await as(STAFF)).get(`/employees/${STAFF}/realisations?periodId=2024-S3`)).body).toMatchObject({ code: 'PERIOD_UNKNOWN', field: 'periodId' });
    expect((await (await as(KADIS)).get(`/employees/${STAFF}/realisations`)).status).toBe(200);
    const skps = (await (await as(STAFF)).get(`/employees/${STAFF}/skps`).expect(200)).body;
    expect(skps.skps).toEqual([expect.objectContaining({ skpId: SKP, status: 'APPROVED' })]);
  });

  it('a rebuild through the set-based writer gives the live rows, and TypeORM would write the very same rows', async () => {
    // realisation_view: jsonb (evidence, computed), date, numeric through a transformer, boolean, timestamptz.
    const dataSource = await createDataSource({ url: h.db.url, schema: 'work_planning', entities: READ_MODELS.map((m) => m.entity as new () => unknown), poolSize: 2 });
    try {
      const tables = READ_MODELS.map((m) => dataSource.getMetadata(m.entity));
      const checksums = async () => {
        const out: Record<string, string> = {};
        for (const t of tables) {
          const [{ rows, md5 }] = await dataSource.query(
            `SELECT count(*)::int AS rows, md5(coalesce(string_agg(md5(t::text), '' ORDER BY t."${t.primaryColumns[0].databaseName}"), '')) AS md5 FROM ${t.tableName} t`,
          );
          out[t.tableName] = `${rows} ${md5}`;
        }
        return out;
      };
      const runner = new ProjectionRunner({ dataSource, store: h.store, readModels: READ_MODELS, batchSize: 5_000 });
      await runner.catchUp();
      const live = await checksums();
      const realisations = await dataSource.query('SELECT count(*)::int AS n, count(value)::int AS valued, count(computed)::int AS computed FROM realisation_view');
      expect(realisations[0].n).toBeGreaterThanOrEqual(2);
      expect(realisations[0].valued).toBeGreaterThan(0);

      await runner.rebuild();
      expect(await checksums()).toEqual(live);

      // Every row read by TypeORM and written back by its own query builder leaves every table as it is.
      for (const t of tables) {
        const rows = await dataSource.manager.find(t.target);
        if (rows.length === 0) continue;
        const others = t.columns.map((c) => c.databaseName).filter((c) => c !== t.primaryColumns[0].databaseName);
        await dataSource.createQueryBuilder().insert().into(t.target).values(rows).orUpdate(others, [t.primaryColumns[0].databaseName]).execute();
      }
      expect(await checksums()).toEqual(live);
    } finally {
      await dataSource.destroy();
    }
  });
});
