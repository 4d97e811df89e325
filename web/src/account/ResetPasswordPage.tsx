import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { api, errorsFrom } from '../api';
import { ErrorSummary, type Errors, TextField } from '../components/fields';
import { Page } from '../components/Page';
import { useI18n } from '../i18n';

/** The page a one-time link opens: its token is in the fragment, which browsers never send to a server. */
export default function ResetPasswordPage() {
  const { t } = useI18n();
  const [token] = useState(() => window.location.hash.slice(1));
  const [newPassword, setNew] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!newPassword) {
      setErrors({ newPassword: `${t('account.newPassword')}: ${t('err.required')}` });
      return;
    }
    try {
      await api('/api/auth/reset', { method: 'POST', body: { token, newPassword } });
      setDone(true);
    } catch (error) {
      setErrors(errorsFrom(error, (field) => field, 'newPassword'));
    }
  };
  if (done)
    return (
      <Page title={t('reset.title')} lead={t('reset.done')}>
        <Link href="/dang-nhap" className="button">
          {t('nav.login')}
        </Link>
      </Page>
    );
  return (
    <Page title={t('reset.title')} lead={t('reset.lead')}>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate className="narrow">
        <TextField
          id="newPassword"
          type="password"
          label={t('account.newPassword')}
          hint={t('account.passwordRules')}
          value={newPassword}
          onChange={setNew}
          autoComplete="new-password"
          error={errors.newPassword}
        />
        <button type="submit">{t('reset.submit')}</button>
      </form>
    </Page>
  );
}
