import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A link that downloads an official document as PDF from the web service (`/dokumen/...`): the
 * document is composed and recorded there, with the QR code of its verification page.
 */
export function PrintLink({ path, label }: { path: string; label: string }) {
  const { t } = useTranslation();
  const hint = useId();
  return (
    <p className="print">
      <a className="button" href={`/dokumen/${path}`} download aria-describedby={hint}>
        {label}
      </a>{' '}
      <small id={hint} className="muted">
        {t('dokumen.printHint')}
      </small>
    </p>
  );
}
