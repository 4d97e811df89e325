import { type FormEvent, useState } from 'react';
import { ApiError, api, sendFile } from '../api';
import { ErrorSummary } from '../components/fields';
import { Failure, Loading, Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { formatInstant } from '../format';
import { useI18n } from '../i18n';
import type { Verification } from '../types';

/**
 * Public verification of an electronic document: drop the PDF, or open the link of the QR code printed on it,
 * to see who signed it, when, whether it is unaltered and trusted, and which dossier it was issued for.
 */
export default function VerifyPage({ code }: { code?: string | undefined }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<Verification | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setErrors({ 'verify-file': t('verify.required') });
      return;
    }
    setErrors({});
    setChecking(true);
    try {
      setResult(await sendFile<Verification>('/api/verify', file));
    } catch (error) {
      setResult(null);
      setErrors({ 'verify-file': (error as Error).message });
    } finally {
      setChecking(false);
    }
  };
  return (
    <Page title={t('verify.title')} lead={t('verify.lead')}>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <div className={`field${errors['verify-file'] ? ' field-has-error' : ''}`}>
          <label htmlFor="verify-file">{t('verify.file')}</label>
          <p className="hint" id="verify-file-hint">
            {t('verify.hint')}
          </p>
          {errors['verify-file'] ? (
            <p className="field-error" id="verify-file-error">
              {errors['verify-file']}
            </p>
          ) : null}
          <input
            id="verify-file"
            name="verify-file"
            type="file"
            accept="application/pdf,.pdf"
            aria-describedby={
              errors['verify-file'] ? 'verify-file-hint verify-file-error' : 'verify-file-hint'
            }
            aria-invalid={errors['verify-file'] ? true : undefined}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <button type="submit" disabled={checking}>
          {checking ? t('verify.checking') : t('verify.submit')}
        </button>
      </form>
      {result ? <VerificationResult result={result} /> : code ? <ByCode code={code} /> : null}
    </Page>
  );
}

function ByCode({ code }: { code: string }) {
  const { t } = useI18n();
  const { data, error, reload } = useLoad(
    (signal) => api<Verification>(`/api/verify/${encodeURIComponent(code)}`, { signal }),
    [code],
  );
  if (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400))
      return (
        <p className="notice notice-error" role="alert">
          {t('verify.codeNotFound')}
        </p>
      );
    return <Failure error={error} retry={reload} />;
  }
  if (!data) return <Loading />;
  return <VerificationResult result={data} />;
}

function Verdict({ ok, yes, no }: { ok: boolean; yes: string; no: string }) {
  return <span className={`tag ${ok ? 'tag-processed' : 'tag-overdue'}`}>{ok ? yes : no}</span>;
}

function VerificationResult({ result }: { result: Verification }) {
  const { t } = useI18n();
  const allValid = result.signatures.length > 0 && result.signatures.every((s) => s.valid);
  return (
    <section aria-labelledby="verify-result" className="card" aria-live="polite">
      <h2 id="verify-result">{t('verify.result')}</h2>
      <p className={`notice ${allValid ? 'notice-success' : 'notice-error'}`}>{result.summary}</p>
      {result.issued ? (
        <>
          <h3>{t('verify.issued')}</h3>
          <dl className="summary-list">
            <div>
              <dt>{t('verify.dossier')}</dt>
              <dd>{result.issued.dossierCode}</dd>
            </div>
            <div>
              <dt>{t('verify.procedure')}</dt>
              <dd>{result.issued.procedureName}</dd>
            </div>
            <div>
              <dt>{t('verify.agency')}</dt>
              <dd>{result.issued.agencyName}</dd>
            </div>
            <div>
              <dt>{t('verify.purpose')}</dt>
              <dd>
                {result.issued.purpose === 'result' ? t('verify.purposeResult') : t('verify.purposeSeal')}
              </dd>
            </div>
            <div>
              <dt>{t('verify.signedAt')}</dt>
              <dd>{formatInstant(result.issued.signedAt)}</dd>
            </div>
          </dl>
        </>
      ) : null}
      {result.signatures.map((s, i) => (
        <div key={`${s.serialNumber}-${s.signedAt}-${s.signer}`}>
          <h3>{t('verify.signature', { n: String(i + 1) })}</h3>
          <dl className="summary-list">
            <div>
              <dt>{t('verify.signer')}</dt>
              <dd>{s.signer ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('verify.issuer')}</dt>
              <dd>{s.issuer ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('verify.when')}</dt>
              <dd>
                {formatInstant(s.signedAt)}
                {s.timestamped ? ` (${t('verify.timestamped')})` : ''}
              </dd>
            </div>
            <div>
              <dt>{t('verify.unaltered')}</dt>
              <dd>
                <Verdict ok={s.unaltered && s.coversWholeFile} yes={t('verify.yes')} no={t('verify.no')} />
              </dd>
            </div>
            <div>
              <dt>{t('verify.trusted')}</dt>
              <dd>
                <Verdict ok={s.trusted} yes={t('verify.yes')} no={t('verify.no')} />
              </dd>
            </div>
          </dl>
          {s.problems.length > 0 ? (
            <ul>
              {s.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
    </section>
  );
}
