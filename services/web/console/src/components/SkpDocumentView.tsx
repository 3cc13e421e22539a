import { useTranslation } from 'react-i18next';
import type { SkpDocument } from '../api/types';
import { formatDate } from '../format';
import { periodLabel } from '../periods';
import { DataTable } from './TableRegion';

/** The SKP in the official column order (one row per IKI). */
export function SkpDocumentView({ doc, onRemove }: { doc: SkpDocument; onRemove?: (rhkId: string) => void }) {
  const { t } = useTranslation();
  const person = (p: SkpDocument['pegawaiYangDinilai'] | null) =>
    // A city official without a NIP (the kepala daerah) is named by office instead.
    p ? [p.nama, /^\d{18}$/.test(p.nip) ? `NIP ${p.nip}` : null, p.pangkatGolongan, p.jabatan, p.unitKerja].filter(Boolean).join(' · ') : '—';
  return (
    <>
      <dl className="facts">
        <dt>{t('skp.statusLabel')}</dt>
        <dd>
          <span className={`badge badge-${doc.status}`}>{t(`status.${doc.status}`)}</span>
        </dd>
        <dt>{t('skp.periode')}</dt>
        <dd>
          {formatDate(doc.periode.start)} – {formatDate(doc.periode.end)}
        </dd>
        <dt>{t('skp.pegawai')}</dt>
        <dd>{person(doc.pegawaiYangDinilai)}</dd>
        <dt>{t('skp.penilai')}</dt>
        <dd>{person(doc.pejabatPenilaiKinerja)}</dd>
      </dl>
      <h2>{t('skp.hasilKerja')}</h2>
      {doc.hasilKerja.map((section) => (
        <DataTable
          key={section.jenis}
          label={section.jenis === 'UTAMA' ? t('skp.utama') : t('skp.tambahan')}
          columns={[t('skp.col.no'), t('skp.col.atasan'), t('skp.col.rhk'), t('skp.col.aspek'), t('skp.col.iki'), t('skp.col.target'), ...(onRemove ? [t('skp.actions')] : [])]}
        >
          {section.rows.length === 0 && (
            <tr>
              <td colSpan={onRemove ? 7 : 6}>{t('skp.noRhk')}</td>
            </tr>
          )}
          {section.rows.map((row) => (
            <tr key={`${row.rhkId}/${row.ikiId}`}>
              <td>{row.no}</td>
              <td>{row.rencanaHasilKerjaAtasan ?? '—'}</td>
              <td>
                {row.rencanaHasilKerja} <span className="muted">({row.rhkId})</span>
              </td>
              <td>{t(`skp.aspek.${row.aspek}`, { defaultValue: row.aspek })}</td>
              <td>{row.indikatorKinerjaIndividu}</td>
              <td>
                {row.target}
                {row.direction === 'LOWER_IS_BETTER' && <span className="muted"> ({t('skp.directions.LOWER_IS_BETTER').toLowerCase()})</span>}
                {(row.periodTargets ?? []).map((p) => (
                  <span key={p.periodId} className="muted period-target">
                    <br />
                    {t('skp.periodTargetText', { period: periodLabel(t, p.periodId), target: p.target })}
                  </span>
                ))}
              </td>
              {onRemove && (
                <td>
                  <button type="button" className="link" onClick={() => onRemove(row.rhkId)}>
                    {t('skp.remove', { id: row.rhkId })}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      ))}
      {doc.unresolvedLinks.length > 0 && (
        <ul className="note note-pending">
          {doc.unresolvedLinks.map((u) => (
            <li key={u.rhkId}>{t(`skp.unresolved.${u.flag}`, { rhk: u.rhkId, defaultValue: `${u.rhkId}: ${u.flag}` })}</li>
          ))}
        </ul>
      )}
      <h2>{t('skp.perilaku')}</h2>
      <ul className="perilaku">
        {doc.perilakuKerja.map((p) => (
          <li key={p.coreValue}>
            <strong>{p.label}</strong>
            <ul>
              {p.panduanPerilaku.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <p>
              <em>{t('skp.ekspektasi')}:</em> {p.ekspektasiKhusus ?? t('skp.noEkspektasi')}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
