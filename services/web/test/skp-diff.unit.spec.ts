import type { SkpVersionDocument } from '../console/src/api/types';
import { skpChanges } from '../console/src/skp-diff';

const iki = (ikiId: string, value: number, extra: Record<string, unknown> = {}) => ({
  ikiId,
  aspect: 'KUANTITAS',
  indicator: `Indikator ${ikiId}`,
  target: { kind: 'QUANTITATIVE' as const, value, unit: 'laporan' },
  ...extra,
});
const version = (n: number, rhk: SkpVersionDocument['rhk'], ekspektasi: string | null = null): SkpVersionDocument => ({
  version: n,
  approvedAt: `2026-0${n}-01T02:00:00.000Z`,
  approvedBy: '198003032005011003',
  rhk,
  perilaku: [{ coreValue: 'KOLABORATIF', label: 'Kolaboratif', ekspektasiKhusus: ekspektasi }],
  lampiran: { dukunganSumberDaya: [], skemaPertanggungjawaban: [], konsekuensi: [] },
});
const link = (rhkId: string) => ({ kind: 'ATASAN_RHK' as const, skpId: 'atasan-2026-01-01', rhkId });
const words = { link: (l: SkpVersionDocument['rhk'][number]['link']) => (l && l.kind === 'ATASAN_RHK' ? l.rhkId : 'tanpa') };

describe('skpChanges: what changed between two approved versions', () => {
  const v1 = version(1, [
    { rhkId: 'R1', jenis: 'UTAMA', text: 'Laporan tersusun', link: link('A1'), indicators: [iki('R1-1', 12), iki('R1-2', 4)] },
    { rhkId: 'R2', jenis: 'TAMBAHAN', text: 'Kader terlatih', link: link('A1'), indicators: [iki('R2-1', 20)] },
  ]);

  it('finds nothing between a version and itself', () => {
    expect(skpChanges(v1, v1, words)).toEqual([]);
  });

  it('names RHK and IKI added, removed and changed, targets with their units, ekspektasi and lampiran', () => {
    const v2 = {
      ...version(
        2,
        [
          { rhkId: 'R1', jenis: 'UTAMA', text: 'Laporan tersusun tepat waktu', link: link('A2'), indicators: [iki('R1-1', 10), iki('R1-3', 2)] },
          { rhkId: 'R3', jenis: 'TAMBAHAN', text: 'Data terbagi', link: null, indicators: [iki('R3-1', 6)] },
        ],
        'Berbagi data setiap pekan.',
      ),
      lampiran: { dukunganSumberDaya: ['Aplikasi surveilans'], skemaPertanggungjawaban: [], konsekuensi: [] },
    };
    expect(skpChanges(v1, v2, words)).toEqual([
      { key: 'rhkText', values: { id: 'R1', from: 'Laporan tersusun', to: 'Laporan tersusun tepat waktu' } },
      { key: 'rhkLink', values: { id: 'R1', from: 'A1', to: 'A2' } },
      { key: 'target', values: { id: 'R1-1', from: '12 laporan', to: '10 laporan' } },
      { key: 'ikiAdded', values: { id: 'R1-3', rhk: 'R1', text: 'Indikator R1-3', target: '2 laporan' } },
      { key: 'ikiRemoved', values: { id: 'R1-2', rhk: 'R1' } },
      { key: 'rhkAdded', values: { id: 'R3', text: 'Data terbagi' } },
      { key: 'ikiAdded', values: { id: 'R3-1', rhk: 'R3', text: 'Indikator R3-1', target: '6 laporan' } },
      { key: 'rhkRemoved', values: { id: 'R2', text: 'Kader terlatih' } },
      { key: 'ekspektasi', values: { value: 'Kolaboratif' } },
      { key: 'lampiran', values: {} },
    ]);
  });

  it('reports an IKI whose other terms (per-period targets, direction) changed, whatever they are', () => {
    const before = version(1, [{ rhkId: 'R1', jenis: 'UTAMA', text: 'x', link: null, indicators: [iki('R1-1', 12, { direction: 'NAIK' })] }]);
    const after = version(2, [{ rhkId: 'R1', jenis: 'UTAMA', text: 'x', link: null, indicators: [iki('R1-1', 12, { direction: 'TURUN' })] }]);
    expect(skpChanges(before, after, words)).toEqual([{ key: 'ikiOther', values: { id: 'R1-1' } }]);
  });
});
