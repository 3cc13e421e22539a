import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { SkpVersionDocument } from '../api/types';
import { formatDateTime } from '../format';
import { useLoad } from '../hooks';
import { skpChanges, type Rhk } from '../skp-diff';

/** The approved versions of an SKP, oldest first, each with what changed from the one before. */
export function VersionHistory({ skpId }: { skpId: string }) {
  const { t } = useTranslation();
  const versions = useLoad<{ versions: SkpVersionDocument[] }>(() => api.workPlanning.GET('/skps/{id}/versions', { params: { path: { id: skpId } } }), [skpId]);
  const link = (l: Rhk['link']) =>
    !l ? t('versi.noLink') : l.kind === 'ATASAN_RHK' ? `${l.rhkId} (${l.skpId})` : t('versi.pk', { id: `${l.perjanjianKinerjaId}/${l.sasaranId}` });
  const list = versions.data?.versions ?? [];
  return (
    <section aria-labelledby="versi">
      <h2 id="versi">{t('skp.versions')}</h2>
      {versions.data && list.length === 0 && <p>{t('skp.noVersions')}</p>}
      <ol className="versions">
        {list.map((v, i) => {
          const changes = i === 0 ? null : skpChanges(list[i - 1], v, { link });
          return (
            <li key={v.version}>
              <p>{t('skp.version', { n: v.version, date: formatDateTime(v.approvedAt), by: v.approvedBy, count: v.rhk.length })}</p>
              {changes && (
                <>
                  <h3 id={`versi-${v.version}`}>{t('versi.changes', { from: list[i - 1].version })}</h3>
                  {changes.length === 0 ? (
                    <p>{t('versi.noChanges')}</p>
                  ) : (
                    <ul aria-labelledby={`versi-${v.version}`}>
                      {changes.map((c, n) => (
                        <li key={n} className={`change change-${c.key}`}>
                          {t(`versi.${c.key}`, c.values)}
                        </li>
                      ))}
                    </ul>
                  )}
                </>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
