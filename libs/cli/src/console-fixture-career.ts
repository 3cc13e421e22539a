import { CityApi, Identity } from './demo/http';

type People = Record<'sekda' | 'kadis' | 'kabid' | 'kasi' | 'pegawai' | 'rekan', { nip: string; name: string }>;

/**
 * The console's small city for the HR career pages (services/web/e2e/karier-hr.pw.ts): who holds
 * the HR and PPK roles, ranks, two years of predicates imported from e-Kinerja, the rekan's annual
 * predicate of this year set (a keberatan may still change it), potential assessments, a
 * disciplinary penalty, and an improvement case on its six-month timeline.
 *
 * Roles: the Kepala Bidang is admin OPD and PPK delegate (so that the proposer holding the PPK role
 * meets the separation of duties), the Kepala Dinas the PPK, the Sekda an admin OPD who issues.
 */
export async function seedConsoleCareer(api: CityApi, agencyId: string, people: People, year: number): Promise<void> {
  const city: Identity = { role: 'ADMIN_CITY', sub: 'bkpsdm.admin' };
  const admin: Identity = { role: 'ADMIN_OPD', sub: 'admin.dinkes', agencyId };
  const ppk: Identity = { role: 'PPK', sub: 'ppk.dinkes', agencyId };
  for (const [p, role] of [
    [people.kabid, 'ADMIN_OPD'],
    [people.kabid, 'PPK'],
    [people.kadis, 'PPK'],
    [people.sekda, 'ADMIN_OPD'],
  ] as const) {
    await api.post('work-planning', '/role-grants', city, { nip: p.nip, role, agencyId, reason: `SK ${role} ${agencyId} (console fixture)` });
  }
  // career-decisions learns the agency's people from work-planning's events.
  await api.eventually(
    () => api.get<{ employees: unknown[] }>('career-decisions', `/agencies/${agencyId}/trainings?year=${year}`, admin),
    (r) => r.employees.length === Object.keys(people).length,
    'the organisation in career-decisions',
  );
  const rank = { [people.rekan.nip]: `${year - 3}-04-01`, [people.pegawai.nip]: `${year}-04-01`, [people.kasi.nip]: `${year - 4}-10-01`, [people.kabid.nip]: `${year - 5}-04-01` };
  for (const [nip, rankSince] of Object.entries(rank)) {
    await api.put('career-decisions', `/agencies/${agencyId}/employees/${nip}/employment`, admin, { employmentKind: 'PNS', golongan: 'III/a', rankSince });
  }
  const predicates: [string, string, string][] = [
    [people.rekan.nip, 'Baik', 'Baik'],
    [people.pegawai.nip, 'Baik', 'Kurang'],
    [people.kasi.nip, 'Sangat Baik', 'Sangat Baik'],
    [people.kabid.nip, 'Baik', 'Sangat Baik'],
  ];
  const csv = ['NIP;TAHUN;PREDIKAT', ...predicates.flatMap(([nip, before, last]) => [`${nip};${year - 2};${before}`, `${nip};${year - 1};${last}`])].join('\n');
  await api.post('career-decisions', '/performance-history/predicate-imports', city, { csv });
  // Potential (assessment scores) for the 9-box; the Kepala Bidang served a moderate penalty last year.
  const scores = { [people.rekan.nip]: 92, [people.pegawai.nip]: 85, [people.kasi.nip]: 95, [people.kabid.nip]: 80 };
  for (const [nip, score] of Object.entries(scores)) {
    await api.post('career-decisions', `/agencies/${agencyId}/employees/${nip}/assessments`, admin, { assessmentId: `ASM-${year - 1}-${nip.slice(-4)}`, score, assessedOn: `${year - 1}-11-15` });
  }
  await api.post('career-decisions', `/agencies/${agencyId}/employees/${people.kabid.nip}/disciplinary-penalties`, admin, {
    penaltyId: `HD-${year - 1}-01`, level: 'SEDANG', from: `${year - 1}-03-01`, until: `${year - 1}-08-31`,
  });
  // The pegawai's Kurang of last year: a six-month improvement plan, approved by the PPK, two milestones recorded.
  const caseBase = `/employees/${people.pegawai.nip}/improvement-cases/${year - 1}`;
  await api.post('career-decisions', caseBase, admin, {
    agencyId,
    startDate: `${year}-02-01`,
    milestones: [
      { milestoneId: 'M1', title: 'Laporan surveilans mingguan tepat waktu', dueDate: `${year}-03-31` },
      { milestoneId: 'M2', title: 'Pelatihan analisis data selesai', dueDate: `${year}-05-31` },
      { milestoneId: 'M3', title: 'Capaian IKI semester I sesuai target', dueDate: `${year}-07-31` },
    ],
  });
  await api.post('career-decisions', `${caseBase}/approve`, ppk, { step: 'PLAN' });
  await api.post('career-decisions', `${caseBase}/milestones/M1`, admin, { achieved: true, note: 'Delapan dari delapan laporan tepat waktu.' });
  await api.post('career-decisions', `${caseBase}/milestones/M2`, admin, { achieved: true, note: '' });
  // The rekan's annual predicate of this year, set by the pejabat penilai: provisional until the keberatan window ends.
  await api.post('evaluation', `/periods/${agencyId}:${year}:ANNUAL/employees/${people.rekan.nip}/evaluation`, { role: 'SUPERVISOR', sub: people.kasi.nip, agencyId }, {
    ratingHasil: 'SESUAI', ratingPerilaku: 'SESUAI', justification: 'Capaian analisis data kesehatan sesuai target tahunan.',
  });
  await api.eventually(
    () => api.get<{ years: Record<string, unknown> }>('career-decisions', `/employees/${people.rekan.nip}/performance-record`, admin),
    (r) => r.years[String(year)] !== undefined,
    "the rekan's annual predicate in career-decisions",
  );
}
