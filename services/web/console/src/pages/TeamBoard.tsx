import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import type { TeamBoard as Board } from '../api/types';
import { DateForm } from '../components/DateForm';
import { LoadError } from '../components/LoadError';
import { formatDate } from '../format';
import { useLoad, useTitle } from '../hooks';
import { useOwnNip } from '../session';

/** What e-Kinerja supervisors get: the team by SKP status. */
const COLUMNS = ['NONE', 'DRAFT', 'SUBMITTED', 'APPROVED'] as const;
const columnOf = (status: string): (typeof COLUMNS)[number] =>
  status === 'SUBMITTED' ? 'SUBMITTED' : status === 'APPROVED' || status === 'CLOSED' ? 'APPROVED' : status === 'NONE' ? 'NONE' : 'DRAFT';

export default function TeamBoard() {
  const { t } = useTranslation();
  const nip = useOwnNip();
  useTitle(t('tim.title'));
  // The team and SKPs on a date (the service's today unless one is chosen): early in a year, last year's are a date away.
  const [date, setDate] = useState<string | undefined>(undefined);
  const board = useLoad<Board>(() => api.workPlanning.GET('/supervisors/{nip}/team', { params: { path: { nip }, query: date ? { date } : {} } }), [nip, date]);
  return (
    <>
      <h1>{t('tim.board')}</h1>
      <DateForm id="tim-per-tanggal" value={date ?? board.data?.date ?? ''} onShow={setDate} />
      {board.data && <p className="muted">{t('tim.onDate', { date: formatDate(board.data.date) })}</p>}
      {board.loading && !board.data && <p>{t('app.loading')}</p>}
      {board.error !== undefined && <LoadError status={board.status} message={board.error} onRetry={board.reload} />}
      {board.data && board.data.team.length === 0 && <p>{t('tim.empty')}</p>}
      {board.data && board.data.team.length > 0 && (
        <div className="board">
          {COLUMNS.map((column) => {
            const members = board.data!.team.filter((m) => columnOf(m.status) === column);
            return (
              <section key={column} className="column" aria-labelledby={`kolom-${column}`}>
                <h2 id={`kolom-${column}`}>
                  {t(`tim.columns.${column}`)} <span className="count">({members.length})</span>
                </h2>
                {members.length === 0 && <p className="muted">{t('tim.columnEmpty')}</p>}
                <ul>
                  {members.map((m) => (
                    <li key={m.nip} className="member">
                      {m.skpId ? (
                        <Link to={`/tim/skp/${encodeURIComponent(m.skpId)}`} aria-label={t('tim.open', { name: m.nama ?? m.nip })}>
                          {m.nama ?? m.nip}
                        </Link>
                      ) : (
                        <span>{m.nama ?? m.nip}</span>
                      )}
                      <br />
                      <span className="muted">NIP {m.nip}</span>
                      <br />
                      <Link to={`/tim/anggota/${m.nip}`}>{t('anggota.link', { name: m.nama ?? m.nip })}</Link>
                      {m.status !== 'NONE' && columnOf(m.status) !== m.status && <span className={`badge badge-${m.status}`}>{t(`status.${m.status}`)}</span>}
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
    </>
  );
}
