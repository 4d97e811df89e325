import { type FormEvent, useState } from 'react';
import { useLocation, useSearchParams } from 'wouter';
import { ApiError, api } from '../api';
import { ErrorSummary, type Errors, TextField } from '../components/fields';
import { Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { ADMIN_ROLES, OFFICER_ROLES, type SecondFactorNeeded, useSession } from '../session';
import SecondFactorStep from './SecondFactorStep';

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
  const [secondFactor, setSecondFactor] = useState<SecondFactorNeeded | null>(null);
  const provider = useLoad(
    (signal) => api<{ available: boolean; name: string | null }>('/api/auth/identity-provider', { signal }),
    [],
  );
  const refusal = params.get('loi');
  const refusalKey = `login.${refusal}` as MessageKey;
  const next = params.get('tiep');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    if (!username.trim()) found.username = `${t('login.username')}: ${t('err.required')}`;
    if (!password) found.password = `${t('login.password')}: ${t('err.required')}`;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const answer = await login(username.trim(), password);
      if ('kind' in answer) {
        setPassword('');
        setSecondFactor(answer);
        return;
      }
      navigate(next?.startsWith('/') ? next : homeOf(answer.role));
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

  if (secondFactor)
    return (
      <SecondFactorStep
        need={secondFactor}
        onDone={(role) => navigate(next?.startsWith('/') ? next : homeOf(role))}
        onRestart={() => setSecondFactor(null)}
      />
    );

  return (
    <Page title={t('login.title')} lead={t('login.lead')}>
      {refusal === 'IDENTITY_LOGIN_FAILED' || refusal === 'IDENTITY_PROVIDER_UNAVAILABLE' ? (
        <p role="alert" className="notice notice-error">
          {t(refusalKey)}
        </p>
      ) : null}
      {/* Space kept while the provider is asked for, so that the form below does not move. */}
      <section
        aria-labelledby="identity-title"
        className="narrow identity-login"
        hidden={provider.data?.available === false}
      >
        <h2 id="identity-title">{t('login.identityTitle')}</h2>
        <p>{t('login.identityLead')}</p>
        <div className="identity-action">
          {provider.data?.available ? (
            <a
              className="button"
              href={`/api/auth/vneid/start?returnTo=${encodeURIComponent(next?.startsWith('/') ? next : '/ho-so-cua-toi')}`}
            >
              {t('login.identityButton', { name: provider.data.name ?? 'VNeID' })}
            </a>
          ) : null}
        </div>
      </section>
      <h2>{t('login.passwordTitle')}</h2>
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
