import { type ReactNode, useEffect, useRef } from 'react';
import { useI18n } from '../i18n';

/** A page: its heading is the document title and takes the focus when the page opens (for screen readers). */
export function Page({ title, children, lead }: { title: string; children: ReactNode; lead?: ReactNode }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — ${t('app.name')}`;
  }, [title, t]);
  useEffect(() => {
    heading.current?.focus({ preventScroll: false });
  }, []);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {lead ? <p className="lead">{lead}</p> : null}
      {children}
    </>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('app.loading')}
    </p>
  );
}

export function Failure({ error, retry }: { error: Error; retry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{t('app.error')}:</strong> {error.message}
      </p>
      {retry ? (
        <button type="button" className="button-secondary" onClick={retry}>
          {t('app.retry')}
        </button>
      ) : null}
    </div>
  );
}
