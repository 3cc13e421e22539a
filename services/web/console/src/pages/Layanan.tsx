import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OfficerServiceFigures, PeriodPicker, servicePeriods } from '../components/layanan/ServiceFigures';
import { useTitle } from '../hooks';
import { useOwnNip } from '../session';

/** The period of the address (`?periode=`), kept there as it changes so a link can name it. */
export function usePeriodParam(fallback: string): [string, (periodId: string) => void] {
  const [periodId, setPeriodId] = useState(() => new URLSearchParams(window.location.search).get('periode') ?? fallback);
  useEffect(() => {
    const url = new URL(window.location.href);
    url.searchParams.set('periode', periodId);
    window.history.replaceState(window.history.state, '', url);
  }, [periodId]);
  return [periodId, setPeriodId];
}

/** The employee's own service figures (issue 19): per service and period, with the records behind them. */
export default function Layanan() {
  const { t } = useTranslation();
  const nip = useOwnNip();
  useTitle(t('layanan.title'));
  const options = servicePeriods();
  const [periodId, setPeriodId] = usePeriodParam(options[0]);
  const serviceCode = new URLSearchParams(window.location.search).get('layanan') ?? undefined;
  return (
    <>
      <h1>{t('layanan.title')}</h1>
      <p className="muted">{t('layanan.intro')}</p>
      <PeriodPicker value={periodId} onChange={setPeriodId} options={options} />
      <OfficerServiceFigures key={periodId} nip={nip} periodId={periodId} serviceCode={serviceCode} />
    </>
  );
}
