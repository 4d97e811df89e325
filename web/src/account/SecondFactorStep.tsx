import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, api } from '../api';
import { ErrorSummary, type Errors, TextField } from '../components/fields';
import { Page } from '../components/Page';
import { useI18n } from '../i18n';
import { type SecondFactorNeeded, useSession } from '../session';

interface Enrolment {
  secret: string;
  uri: string;
  qrSvg: string;
}

/**
 * The second step of an officer's login: the 6-digit code of their authenticator app. An administrator or
 * controller without one first adds the account to an app, from the QR code or the secret typed by hand.
 */
export default function SecondFactorStep({
  need,
  onDone,
  onRestart,
}: {
  need: SecondFactorNeeded;
  onDone(role: string): void;
  onRestart(): void;
}) {
  const { t } = useI18n();
  const { refresh } = useSession();
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const enrolling = need.method === 'totp_enrolment';

  useEffect(() => {
    if (!enrolling) return;
    api<Enrolment>('/api/auth/login/totp-enrolment', { method: 'POST', body: { challenge: need.challenge } })
      .then(setEnrolment)
      .catch((error: Error) => setErrors({ code: error.message }));
  }, [enrolling, need.challenge]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) {
      setErrors({ code: `${t('login.code')}: ${t('err.code')}` });
      return;
    }
    setBusy(true);
    try {
      await api('/api/auth/login/second-factor', {
        method: 'POST',
        body: { challenge: need.challenge, code: code.trim() },
      });
      const me = await refresh();
      onDone(me.role);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        onRestart();
        return;
      }
      setErrors({ code: error instanceof ApiError ? error.message : String((error as Error).message) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page
      title={enrolling ? t('login.enrolTitle') : t('login.codeTitle')}
      lead={enrolling ? t('login.enrolLead') : t('login.codeLead')}
    >
      <ErrorSummary errors={errors} />
      {enrolling ? (
        <section aria-labelledby="enrol-qr" className="narrow">
          <h2 id="enrol-qr">{t('login.enrolQrTitle')}</h2>
          <div className="totp-qr">
            {enrolment ? (
              <img
                src={`data:image/svg+xml;utf8,${encodeURIComponent(enrolment.qrSvg)}`}
                alt={t('login.enrolQrAlt')}
                width={200}
                height={200}
              />
            ) : null}
          </div>
          <p>
            {t('login.enrolSecret')} <code data-testid="totp-secret">{enrolment?.secret ?? '…'}</code>
          </p>
        </section>
      ) : null}
      <form onSubmit={submit} noValidate className="narrow">
        <TextField
          id="code"
          label={t('login.code')}
          hint={t('login.codeHint')}
          value={code}
          onChange={setCode}
          inputMode="numeric"
          autoComplete="one-time-code"
          width="short"
          error={errors.code}
          required
        />
        <button type="submit" disabled={busy || (enrolling && !enrolment)}>
          {t('login.codeSubmit')}
        </button>
      </form>
    </Page>
  );
}
