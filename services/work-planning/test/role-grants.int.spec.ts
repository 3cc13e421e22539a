import { waitUntil } from '@kinerja/testing';
import { bootHarness, Harness } from './support/harness';

const NOW = '2026-03-10T03:00:00.000Z';
const FIRST_ADMIN = '197001012000031001';
const PEGAWAI = '199003152015031002';
const OTHER = '199204102018012001';

describe('work-planning: role grants as events (grant, revoke, list, bootstrap) and the X-Kinerja-Role header', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await bootHarness('wp_grants', { now: NOW, env: { ROLE_GRANT_BOOTSTRAP_NIPS: FIRST_ADMIN } });
    const admin = await h.as('EMPLOYEE', FIRST_ADMIN);
    // The bootstrap grant is an event like any other: the grant read model holds it a moment after start.
    await waitUntil(
      async () => (await admin.get(`/role-grants?nip=${FIRST_ADMIN}`)).body.grants?.length ?? 0,
      (count) => count > 0,
      { what: 'the bootstrap grant in the read model' },
    );
    // The bootstrap made the first city administrator: an EMPLOYEE token asking for ADMIN_CITY is accepted.
    await admin.post('/agencies').set('x-kinerja-role', 'ADMIN_CITY').send({ code: 'DINKES', name: 'Dinas Kesehatan' }).expect(201);
    for (const nip of [PEGAWAI, OTHER]) {
      await admin.post('/employees').set('x-kinerja-role', 'ADMIN_CITY').send({ nip, name: `Pegawai ${nip.slice(-3)}`, status: 'PNS', agencyId: 'DINKES' }).expect(201);
    }
  });

  afterAll(async () => h?.close());

  it('records the bootstrap grant as an event of the system', async () => {
    const [event] = await h.store.readStream(`role-grants-${FIRST_ADMIN}`);
    expect(event).toMatchObject({ type: 'RoleGranted', data: { nip: FIRST_ADMIN, role: 'ADMIN_CITY', agencyId: null, grantedBy: 'system:role-grant-bootstrap' } });
    const res = await (await h.as('EMPLOYEE', FIRST_ADMIN)).get(`/role-grants?nip=${FIRST_ADMIN}`).expect(200);
    expect(res.body.grants).toEqual([expect.objectContaining({ nip: FIRST_ADMIN, role: 'ADMIN_CITY', agencyId: null, key: 'ADMIN_CITY' })]);
  });

  it('refuses an elevated role not granted (403 ROLE_NOT_GRANTED) and a malformed header (400 ROLE_HEADER_INVALID)', async () => {
    const pegawai = await h.as('EMPLOYEE', PEGAWAI, 'DINKES');
    expect((await pegawai.get('/role-grants').set('x-kinerja-role', 'ADMIN_CITY').expect(403)).body.code).toBe('ROLE_NOT_GRANTED');
    expect((await pegawai.get('/role-grants').set('x-kinerja-role', 'ADMIN_OPD').expect(400)).body).toMatchObject({ code: 'ROLE_HEADER_INVALID', field: 'X-Kinerja-Role' });
  });

  it('lets a city administrator grant ADMIN_OPD of an agency, which the header then accepts; the grant names who and when', async () => {
    const admin = (await h.as('EMPLOYEE', FIRST_ADMIN)).post('/role-grants').set('x-kinerja-role', 'ADMIN_CITY');
    const res = await admin.send({ nip: PEGAWAI, role: 'ADMIN_OPD', agencyId: 'dinkes', reason: 'SK 800/12/2026' }).expect(201);
    expect(res.body.grants).toEqual([{ nip: PEGAWAI, role: 'ADMIN_OPD', agencyId: 'DINKES', key: 'ADMIN_OPD:DINKES', grantedBy: FIRST_ADMIN, grantedAt: NOW }]);
    const [event] = await h.store.readStream(`role-grants-${PEGAWAI}`);
    expect(event.metadata).toMatchObject({ actorId: FIRST_ADMIN, actorRole: 'ADMIN_CITY' });

    const pegawai = await h.as('EMPLOYEE', PEGAWAI, 'DINKES');
    const employees = await pegawai.get('/employees?agencyId=DINKES').set('x-kinerja-role', 'ADMIN_OPD:DINKES').expect(200);
    expect(employees.body.total ?? employees.body.items?.length ?? employees.body.employees?.length).toBeGreaterThan(0);
    // Granted for DINKES only.
    expect((await pegawai.get('/role-grants').set('x-kinerja-role', 'ADMIN_OPD:BAPPEDA').expect(403)).body.code).toBe('ROLE_NOT_GRANTED');
  });

  it('refuses grants by an agency admin (403), twice the same (409), wrong shapes (400) and unknown people (404)', async () => {
    const opd = (await h.as('EMPLOYEE', PEGAWAI, 'DINKES')).post('/role-grants').set('x-kinerja-role', 'ADMIN_OPD:DINKES');
    expect((await opd.send({ nip: OTHER, role: 'AUDITOR' }).expect(403)).body.code).toBe('ROLE_GRANT_FORBIDDEN');
    const agent = await h.as('EMPLOYEE', FIRST_ADMIN);
    const admin = () => ({ send: (body: object) => agent.post('/role-grants').set('x-kinerja-role', 'ADMIN_CITY').send(body) });
    expect((await admin().send({ nip: PEGAWAI, role: 'ADMIN_OPD', agencyId: 'DINKES' }).expect(409)).body.code).toBe('ROLE_ALREADY_GRANTED');
    expect((await admin().send({ nip: OTHER, role: 'ADMIN_OPD' }).expect(400)).body).toMatchObject({ code: 'AGENCY_REQUIRED', field: 'agencyId' });
    expect((await admin().send({ nip: OTHER, role: 'AUDITOR', agencyId: 'DINKES' }).expect(400)).body).toMatchObject({ code: 'AGENCY_NOT_ALLOWED', field: 'agencyId' });
    expect((await admin().send({ nip: OTHER, role: 'EMPLOYEE' }).expect(400)).body.field).toBe('role');
    expect((await admin().send({ nip: '199901012020121001', role: 'AUDITOR' }).expect(404)).body.code).toBe('EMPLOYEE_NOT_FOUND');
    expect((await admin().send({ nip: OTHER, role: 'PPK', agencyId: 'NOPE' }).expect(404)).body.code).toBe('AGENCY_NOT_FOUND');
  });

  it('lists grants: everyone their own, city administrators all, others 403', async () => {
    const other = await h.as('EMPLOYEE', OTHER, 'DINKES');
    expect((await other.get(`/role-grants?nip=${OTHER}`).expect(200)).body.grants).toEqual([]);
    expect((await other.get(`/role-grants?nip=${PEGAWAI}`).expect(403)).body.code).toBe('ROLE_GRANTS_FORBIDDEN');
    const all = await (await h.as('EMPLOYEE', FIRST_ADMIN)).get('/role-grants').set('x-kinerja-role', 'ADMIN_CITY').expect(200);
    expect(all.body.grants.map((g: { key: string; nip: string }) => `${g.nip} ${g.key}`)).toEqual([`${FIRST_ADMIN} ADMIN_CITY`, `${PEGAWAI} ADMIN_OPD:DINKES`]);
  });

  it('revokes a grant: the header is refused again, and nobody revokes their own ADMIN_CITY', async () => {
    const admin = await h.as('EMPLOYEE', FIRST_ADMIN);
    const res = await admin.delete(`/role-grants/${PEGAWAI}/ADMIN_OPD:DINKES`).set('x-kinerja-role', 'ADMIN_CITY').expect(200);
    expect(res.body.grants).toEqual([]);
    const pegawai = await h.as('EMPLOYEE', PEGAWAI, 'DINKES');
    expect((await pegawai.get('/role-grants').set('x-kinerja-role', 'ADMIN_OPD:DINKES').expect(403)).body.code).toBe('ROLE_NOT_GRANTED');
    const events = await h.store.readStream(`role-grants-${PEGAWAI}`);
    expect(events.map((e) => e.type)).toEqual(['RoleGranted', 'RoleRevoked']);
    expect(events[1].data).toMatchObject({ revokedBy: FIRST_ADMIN, revokedAt: NOW });

    expect((await (await h.as('EMPLOYEE', FIRST_ADMIN)).delete(`/role-grants/${PEGAWAI}/ADMIN_OPD:DINKES`).set('x-kinerja-role', 'ADMIN_CITY').expect(404)).body.code).toBe('ROLE_GRANT_NOT_FOUND');
    expect((await (await h.as('EMPLOYEE', FIRST_ADMIN)).delete(`/role-grants/${FIRST_ADMIN}/ADMIN_CITY`).set('x-kinerja-role', 'ADMIN_CITY').expect(403)).body.code).toBe('ROLE_SELF_REVOKE_FORBIDDEN');
    expect((await (await h.as('EMPLOYEE', FIRST_ADMIN)).delete(`/role-grants/${PEGAWAI}/KING`).set('x-kinerja-role', 'ADMIN_CITY').expect(400)).body).toMatchObject({ code: 'ROLE_GRANT_INVALID', field: 'grant' });
  });
});
