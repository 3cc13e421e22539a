import { generateCity } from './demo/city';
import { demoRoleHolders } from './demo/city-seed';

/** Who does the demo city's HR work in the console: recorded grants to people of the city, one per role and agency. */
describe('the demo city’s HR roles', () => {
  it('gives each agency its Kepala Subbagian Umum dan Kepegawaian as admin, BKPSDM’s as the city’s, and an auditor', () => {
    const city = generateCity({ employees: 2000, seed: 1 });
    const holders = demoRoleHolders(city);
    const admins = holders.filter((h) => h.role === 'ADMIN_OPD');
    expect(admins.map((h) => h.agencyId)).toEqual(city.agencies.map((a) => a.agencyId));
    for (const h of admins) {
      const agency = city.agencies.find((a) => a.agencyId === h.agencyId)!;
      expect(agency.employees.find((e) => e.nip === h.nip)).toMatchObject({ jabatan: 'Kepala Subbagian Umum dan Kepegawaian', name: h.name });
    }
    const [cityAdmin] = holders.filter((h) => h.role === 'ADMIN_CITY');
    expect(cityAdmin.nip).toBe(admins.find((h) => h.agencyId?.startsWith('BKPSDM'))!.nip);
    const [auditor] = holders.filter((h) => h.role === 'AUDITOR');
    expect(city.agencies[0].employees.find((e) => e.nip === auditor.nip)?.jabatan).toBe('Kepala Subbagian Perencanaan dan Evaluasi');
    // One person, one role of each kind: nobody audits what they administer in the demo.
    expect(new Set(holders.map((h) => `${h.role}/${h.agencyId ?? ''}`)).size).toBe(holders.length);
    expect(admins.map((h) => h.nip)).not.toContain(auditor.nip);
  });

  it('makes the Sekda the city’s admin when the city is too small for a BKPSDM', () => {
    const city = generateCity({ employees: 200, seed: 1 });
    expect(city.agencies.some((a) => a.agencyId.startsWith('BKPSDM'))).toBe(false);
    const holders = demoRoleHolders(city);
    expect(holders.find((h) => h.role === 'ADMIN_CITY')).toMatchObject({ nip: city.sekda.nip, name: city.sekda.name });
    expect(holders.filter((h) => h.role === 'ADMIN_OPD')).toHaveLength(city.agencies.length);
  });
});
