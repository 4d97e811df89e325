import { type FormEvent, useState } from 'react';
import { useLocation } from 'wouter';
import { api, errorsFrom } from '../api';
import { ErrorSummary, type Errors, TextField } from '../components/fields';
import { Failure, Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { RequireLogin } from './RequireLogin';

interface OwnSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  current: boolean;
}

export default function AccountPage() {
  return (
    <RequireLogin
      roles={[
        'citizen',
        'receiver',
        'processor',
        'unit_head',
        'agency_head',
        'clerk',
        'controller',
        'admin',
        'postal',
      ]}
    >
      <Account />
    </RequireLogin>
  );
}

function Account() {
  const { t } = useI18n();
  return (
    <Page title={t('account.title')}>
      <Sessions />
      <ChangePassword />
    </Page>
  );
}

function Sessions() {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState('');
  const { data, error, reload } = useLoad(
    (signal) => api<{ items: OwnSession[] }>('/api/me/sessions', { signal }),
    [],
  );
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
  const end = async (id: string) => {
    await api(`/api/me/sessions/${id}`, { method: 'DELETE' });
    setStatus(t('account.sessionEnded'));
    reload();
  };
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('account.sessions')}</h2>
      <p className="muted" role="status">
        {status}
      </p>
      {error ? <Failure error={error} retry={reload} /> : null}
      {data ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than a phone scrolls; keyboard users need to reach it
        <section className="table-wrap" tabIndex={0} aria-labelledby="sessions-title">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('account.device')}</th>
                <th scope="col">{t('account.since')}</th>
                <th scope="col">{t('account.lastSeen')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('account.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((s) => (
                <tr key={s.id}>
                  <td>{s.userAgent ?? t('account.unknownDevice')}</td>
                  <td>{when(s.createdAt)}</td>
                  <td>{when(s.lastSeenAt)}</td>
                  <td>
                    {s.current ? (
                      <strong>{t('account.thisSession')}</strong>
                    ) : (
                      <button type="button" className="button-secondary" onClick={() => end(s.id)}>
                        {t('account.endSession')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </section>
  );
}

function ChangePassword() {
  const { t } = useI18n();
  const { logout } = useSession();
  const [, navigate] = useLocation();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    if (!currentPassword) found.currentPassword = `${t('account.currentPassword')}: ${t('err.required')}`;
    if (!newPassword) found.newPassword = `${t('account.newPassword')}: ${t('err.required')}`;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      await api('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
      if (!(await logout())) navigate('/dang-nhap');
    } catch (error) {
      setErrors(errorsFrom(error, (field) => field, 'currentPassword'));
    }
  };
  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{t('account.changePassword')}</h2>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate className="narrow">
        <TextField
          id="currentPassword"
          type="password"
          label={t('account.currentPassword')}
          value={currentPassword}
          onChange={setCurrent}
          autoComplete="current-password"
          error={errors.currentPassword}
        />
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
        <button type="submit">{t('account.changePassword')}</button>
      </form>
    </section>
  );
}
