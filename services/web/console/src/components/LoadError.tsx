import { useTranslation } from 'react-i18next';

export function LoadError({ status, message, onRetry }: { status?: number; message?: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = status === 403 ? t('errors.forbidden') : status === 404 ? t('errors.notFound') : status === 0 ? t('errors.network') : message || t('errors.generic');
  return (
    <div className="note note-error" role="alert">
      <p>{text}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('errors.reload')}
        </button>
      )}
    </div>
  );
}
