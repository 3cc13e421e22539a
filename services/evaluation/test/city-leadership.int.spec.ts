import { AGENCY, bootHarness, Harness, NIP, organisationFacts } from './support/harness';

/**
 * Issue 14 (docs/regulations.md §4.5): the Kepala OPD reports to the Sekda's post in the Sekretariat
 * Daerah, the Sekda to the kepala daerah (a city official, no NIP). The Sekda sets the agency's
 * organisation predicate and rates the Kepala; the kepala daerah, signed in with the official's id,
 * does the same for the Sekretariat Daerah and the Sekda.
 */
const SEKDA = '196805121990031002';
const MAYOR = 'walikota';
const setdaFacts = () => [
  { type: 'UnitCreated', data: { agencyId: 'SETDA', unitId: 'U-SETDA', name: 'Sekretariat Daerah', parentUnitId: null } },
  {
    type: 'PositionCreated',
    data: { agencyId: 'SETDA', positionId: 'P-SEKDA', name: 'Sekretaris Daerah', unitId: 'U-SETDA', parentPositionId: null, parentOfficialId: MAYOR, establishedOn: '2020-01-01' },
  },
  { type: 'PositionAssigned', data: { agencyId: 'SETDA', assignmentId: 'A-SEKDA', nip: SEKDA, positionId: 'P-SEKDA', type: 'DEFINITIVE', from: '2020-01-01', to: null } },
  { type: 'ReportingLineChanged', data: { agencyId: AGENCY, positionId: 'P-KADIS', parentPositionId: 'P-SEKDA', parentAgencyId: 'SETDA', effectiveFrom: '2020-01-01' } },
];

describe('evaluation: the Sekda rates the Kepala OPD, the kepala daerah rates the Sekda', () => {
  let h: Harness;
  const rating = { ratingPerilaku: 'SESUAI', justification: 'Capaian organisasi dan perilaku kerja sesuai ekspektasi.' };

  beforeAll(async () => {
    h = await bootHarness('eval_lead', { now: '2027-01-05T03:00:00Z' });
    const city = await h.as('ADMIN_CITY', 'bkpsdm.admin');
    expect((await city.post('/organisation/facts').send({ facts: [...organisationFacts(), ...setdaFacts()] })).status).toBe(200);
    for (const agency of [AGENCY, 'SETDA'])
      expect((await city.post(`/agencies/${agency}/evaluation-calendars`).send({ year: 2026, cadence: 'SEMESTER' })).status).toBe(201);
  });
  afterAll(async () => h?.close());

  it('answers who rates the Kepala OPD and the Sekda', async () => {
    const city = await h.as('ADMIN_CITY', 'bkpsdm.admin');
    const kadis = await city.get(`/organisation/agencies/${AGENCY}/employees/${NIP.kadis}/reporting-chain?date=2026-12-31`);
    expect(kadis.body).toMatchObject({ pejabatPenilaiId: SEKDA, atasanPejabatPenilaiId: MAYOR, ledUnitId: 'U-DINAS' });
    const sekda = await city.get(`/organisation/agencies/SETDA/employees/${SEKDA}/reporting-chain?date=2026-12-31`);
    expect(sekda.body).toMatchObject({ pejabatPenilaiId: MAYOR, atasanPejabatPenilaiId: null, ledUnitId: 'U-SETDA' });
  });

  it('the Sekda sets the agency predicate and rates the Kepala; nobody else may', async () => {
    const period = `${AGENCY}:2026:ANNUAL`;
    const sekda = await h.as('SUPERVISOR', SEKDA, 'SETDA');
    const byKadis = await (await h.as('SUPERVISOR', NIP.kadis, AGENCY)).put(`/periods/${period}/units/U-DINAS/organisation-predicate`).send({ predicate: 'BAIK' });
    expect(byKadis.status).toBe(403);
    expect((await sekda.put(`/periods/${period}/units/U-DINAS/organisation-predicate`).send({ predicate: 'BAIK' })).status).toBe(200);
    const byMayor = await (await h.as('PPK', MAYOR)).post(`/periods/${period}/employees/${NIP.kadis}/evaluation`).send(rating);
    expect([byMayor.status, byMayor.body.code]).toEqual([403, 'NOT_PEJABAT_PENILAI']);
    const rated = await sekda.post(`/periods/${period}/employees/${NIP.kadis}/evaluation`).send(rating);
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ assessorId: SEKDA, unitId: 'U-DINAS', predicate: 'BAIK' });
  });

  it('the kepala daerah, signed in with the official id, sets the Sekretariat Daerah predicate and rates the Sekda', async () => {
    const period = 'SETDA:2026:ANNUAL';
    const mayor = await h.as('PPK', MAYOR);
    expect((await mayor.put(`/periods/${period}/units/U-SETDA/organisation-predicate`).send({ predicate: 'ISTIMEWA' })).status).toBe(200);
    const rated = await mayor.post(`/periods/${period}/employees/${SEKDA}/evaluation`).send(rating);
    expect(rated.status).toBe(201);
    // ISTIMEWA gives the leader DI_ATAS hasil; with SESUAI perilaku the matrix says BAIK.
    expect(rated.body).toMatchObject({ assessorId: MAYOR, unitId: 'U-SETDA', predicate: 'BAIK' });
  });

  it("counts only the agency's own people on its curve", async () => {
    const curve = await (await h.as('AUDITOR', 'inspektorat')).get(`/periods/${AGENCY}:2026:ANNUAL/units/U-DINAS/curve`);
    expect(curve.status).toBe(200);
    expect(curve.body.employees.map((e: { nip?: string; employeeId?: string }) => e.nip ?? e.employeeId)).toEqual([NIP.kadis]);
  });
});
