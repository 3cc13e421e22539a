import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import type { CascadeNode, EmployeeSkpItem, SkpDocument } from '../api/types';
import { LoadError } from '../components/LoadError';
import { useLoad, useTitle } from '../hooks';
import { useOwnNip } from '../session';

/**
 * The pohon kinerja of my unit: each RHK of my SKP with the RHK of team members that intervene on
 * it, down the whole tree (work-planning's cascade), as nested lists: a screen reader announces each
 * level and its size, and the only stops for the keyboard are the links to team members.
 */
export default function PohonKinerja() {
  const { t } = useTranslation();
  const nip = useOwnNip();
  const year = new Date().getFullYear();
  useTitle(t('pohon.title'));
  const skps = useLoad<{ skps: EmployeeSkpItem[] }>(() => api.workPlanning.GET('/employees/{nip}/skps', { params: { path: { nip } } }), [nip]);
  const current = skps.data?.skps.find((s) => s.periodStart.startsWith(String(year)));
  return (
    <>
      <h1>{t('pohon.title')}</h1>
      <p>{t('pohon.intro')}</p>
      {skps.loading && !skps.data && <p>{t('app.loading')}</p>}
      {skps.error !== undefined && <LoadError status={skps.status} message={skps.error} onRetry={skps.reload} />}
      {skps.data && !current && <p>{t('pohon.noSkp', { year })}</p>}
      {current && <Tree skpId={current.skpId} nip={nip} year={year} />}
    </>
  );
}

/** The cascade of every RHK of the SKP, one request each (the RHK of one SKP are few). */
async function loadTree(skpId: string): Promise<{ data?: unknown; error?: unknown; response: Response }> {
  const doc = await api.workPlanning.GET('/skps/{id}', { params: { path: { id: skpId }, query: {} } });
  if (!doc.response.ok) return doc;
  const rhkIds = [...new Set((doc.data as unknown as SkpDocument).hasilKerja.flatMap((s) => s.rows.map((r) => r.rhkId)))];
  const trees = await Promise.all(rhkIds.map((rhkId) => api.workPlanning.GET('/skps/{id}/rhk/{rhkId}/cascade', { params: { path: { id: skpId, rhkId } } })));
  const failed = trees.find((r) => !r.response.ok);
  return failed ?? { data: trees.map((r) => r.data as unknown as CascadeNode), response: doc.response };
}

function Tree({ skpId, nip, year }: { skpId: string; nip: string; year: number }) {
  const { t } = useTranslation();
  const roots = useLoad<CascadeNode[]>(() => loadTree(skpId), [skpId]);
  if (roots.loading && !roots.data) return <p>{t('app.loading')}</p>;
  if (!roots.data) return <LoadError status={roots.status} message={roots.error} onRetry={roots.reload} />;
  if (roots.data.length === 0) return <p>{t('pohon.noRhk')}</p>;
  return (
    <ul className="tree" aria-label={t('pohon.label', { year })}>
      {roots.data.map((node) => (
        <TreeNode key={`${node.skpId}/${node.rhkId}`} node={node} me={nip} depth={0} />
      ))}
    </ul>
  );
}

function TreeNode({ node, me, depth }: { node: CascadeNode; me: string; depth: number }) {
  const { t } = useTranslation();
  const who = node.nama ?? node.nip ?? '—';
  return (
    <li>
      <div className="node">
        <strong>{node.rhkId}</strong> {node.rencanaHasilKerja}
        <br />
        <span className="muted">
          {who}
          {node.nip ? ` · NIP ${node.nip}` : ''}
        </span>{' '}
        <span className={`badge badge-${node.approved ? 'APPROVED' : 'DRAFT'}`}>{node.approved ? t('pohon.approved') : t('pohon.draft')}</span>
        {depth === 1 && node.nip && node.nip !== me && (
          <>
            {' '}
            <Link to={`/tim/anggota/${node.nip}`}>{t('pohon.member', { name: who })}</Link>
          </>
        )}
        {node.children.length === 0 ? (
          depth === 0 && <p className="muted">{t('pohon.leaf')}</p>
        ) : (
          <span className="visually-hidden"> · {t('pohon.children', { count: node.children.length })}</span>
        )}
      </div>
      {node.children.length > 0 && (
        <ul>
          {node.children.map((child) => (
            <TreeNode key={`${child.skpId}/${child.rhkId}`} node={child} me={me} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}
