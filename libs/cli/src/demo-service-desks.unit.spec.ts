import { generateCity } from './demo/city';
import { serviceOfficersOf } from './demo/scenario';

/**
 * Issue 19 in the demo city: which officers' IKI is bound to a service standard, and what the
 * records streamed for them imply, for the default city (every agency template, the kelurahan
 * among them) and the small one of the end-to-end test.
 */
describe('the demo city’s service desks', () => {
  it('binds officers at the Disdukcapil’s KTP-el desk and at every kelurahan of the default city, above and below the standard', () => {
    const city = generateCity({ employees: 2000, seed: 1 });
    const officers = serviceOfficersOf(city, 2026);
    const desks = [...new Set(officers.map((o) => `${o.desk.agencyId}/${o.desk.unitId}/${o.desk.serviceCode}`))];
    expect(desks).toEqual([
      'DISDUKCAPIL/DISDUKCAPIL.B1.S1/KTP-EL',
      'KEC-SUKAJADI/KEC-SUKAJADI.B1.S1/SURAT-KETERANGAN',
      'KEC-SUKAJADI/KEC-SUKAJADI.B1.S2/SURAT-KETERANGAN',
      'KEC-SUKAJADI/KEC-SUKAJADI.B1.S3/SURAT-KETERANGAN',
    ]);
    expect(officers).toHaveLength(16);
    const ktp = officers.find((o) => o.desk.serviceCode === 'KTP-EL')!;
    expect(ktp.desk.indicator).toBe('Persentase permohonan KTP-el selesai dalam standar waktu');
    // Twelve applications a semester; the year's share is the two semesters' together.
    for (const o of officers) {
      expect(o.expected['2026-S1'].count).toBe(12);
      expect(o.expected['2026'].count).toBe(24);
      expect(o.expected['2026'].withinStandard).toBe(o.expected['2026-S1'].withinStandard + o.expected['2026-S2'].withinStandard);
    }
    // Some officers meet the 90 % target, some fall below it.
    const shares = officers.map((o) => o.expected['2026'].percent);
    expect(shares.some((p) => p >= 90)).toBe(true);
    expect(shares.some((p) => p < 90)).toBe(true);
    // Above expectation: all within; as expected: one late a semester; below: every second one late.
    for (const p of shares) expect([100, 91.7, 50]).toContain(p);
  });

  it('the small city of the end-to-end test has the KTP-el desk', () => {
    const officers = serviceOfficersOf(generateCity({ employees: 60, seed: 11 }), 2026);
    expect(officers.length).toBeGreaterThan(0);
    expect(new Set(officers.map((o) => o.desk.unitId))).toEqual(new Set(['DISDUKCAPIL.B1.S1']));
  });
});
