import { type FormEvent, useState } from 'react';
import { useLocation, useSearchParams } from 'wouter';
import { ApiError } from '../api';
import { ErrorSummary, type Errors, TextField } from '../components/fields';
import { Page } from '../components/Page';
import { useI18n } from '../i18n';
import { ADMIN_ROLES, OFFICER_ROLES, useSession } from '../session';

/** Where a user lands after logging in when no page asked for the login. */
function homeOf(role: string): string {
  if (role === 'citizen') return '/ho-so-cua-toi';
  if (OFFICER_ROLES.includes(role)) return '/can-bo';
  if (ADMIN_ROLES.includes(role)) return '/quan-tri';
  return '/';
}

export default function LoginPage() {
  const { t } = useI18n();
  const { login } = useSession();
  const [, navigate] = useLocation();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    if (!username.trim()) found.username = `${t('login.username')}: ${t('err.required')}`;
    if (!password) found.password = `${t('login.password')}: ${t('err.required')}`;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const me = await login(username.trim(), password);
      const next = params.get('tiep');
      navigate(next?.startsWith('/') ? next : homeOf(me.role));
    } catch (error) {
      setErrors({
        username:
          error instanceof ApiError && error.status === 401
            ? t('login.failed')
            : error instanceof ApiError && error.status === 429
              ? t('login.locked')
              : String((error as Error).message),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('login.title')} lead={t('login.lead')}>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate className="narrow">
        <TextField
          id="username"
          label={t('login.username')}
          value={username}
          onChange={setUsername}
          autoComplete="username"
          error={errors.username}
        />
        <TextField
          id="password"
          type="password"
          label={t('login.password')}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          error={errors.password}
        />
        <button type="submit" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
    </Page>
  );
}
