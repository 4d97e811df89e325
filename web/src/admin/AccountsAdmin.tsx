import { type FormEvent, useState } from 'react';
import { RequireLogin } from '../account/RequireLogin';
import { api, errorsFrom } from '../api';
import { Checkbox, ErrorSummary, type Errors, SelectField, TextField } from '../components/fields';
import { Failure, Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';

interface Account {
  username: string;
  fullName: string;
  role: string;
  agencyCode: string | null;
  unitId: number | null;
  unitCode: string | null;
  active: boolean;
}

interface AgencyOption {
  code: string;
  name: string;
}

interface IssuedLink {
  username: string;
  link: string;
  expiresAt: string;
}

const ROLES = ['receiver', 'processor', 'unit_head', 'agency_head', 'clerk', 'controller', 'admin', 'postal'];

export default function AccountsAdmin() {
  return (
    <RequireLogin roles={['admin']}>
      <Accounts />
    </RequireLogin>
  );
}

/** Officer accounts of the administrator's scope: open, change, disable, and hand over password links. */
function Accounts() {
  const { t } = useI18n();
  const [agency, setAgency] = useState('');
  const [editing, setEditing] = useState<Account | null>(null);
  const [issued, setIssued] = useState<IssuedLink | null>(null);
  const accounts = useLoad(
    (signal) =>
      api<{ items: Account[] }>(`/api/accounts${agency ? `?agency=${encodeURIComponent(agency)}` : ''}`, {
        signal,
      }),
    [agency],
  );
  const agencies = useLoad(
    (signal) => api<{ items: AgencyOption[] }>('/api/agencies?pageSize=200', { signal }),
    [],
  );
  const agencyOptions = (agencies.data?.items ?? []).map((a) => ({
    value: a.code,
    label: `${a.name} (${a.code})`,
  }));
  const resetLink = async (username: string) => {
    setIssued(await api<IssuedLink>(`/api/accounts/${username}/reset-link`, { method: 'POST' }));
  };
  return (
    <Page title={t('accounts.title')} lead={t('accounts.lead')}>
      {issued ? <LinkNotice issued={issued} /> : null}
      <SelectField
        id="filter-agency"
        label={t('accounts.filterAgency')}
        value={agency}
        onChange={setAgency}
        options={agencyOptions}
        placeholder={t('accounts.allInScope')}
      />
      {accounts.error ? <Failure error={accounts.error} retry={accounts.reload} /> : null}
      {accounts.data ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than a phone scrolls; keyboard users need to reach it
        <section className="table-wrap" tabIndex={0} aria-label={t('accounts.title')}>
          <table>
            <caption>{t('accounts.count', { n: accounts.data.items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('login.username')}</th>
                <th scope="col">{t('accounts.fullName')}</th>
                <th scope="col">{t('accounts.role')}</th>
                <th scope="col">{t('accounts.agency')}</th>
                <th scope="col">{t('accounts.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('account.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.data.items.map((a) => (
                <tr key={a.username}>
                  <td>{a.username}</td>
                  <td>{a.fullName}</td>
                  <td>{t(`role.${a.role}` as MessageKey)}</td>
                  <td>
                    {a.agencyCode}
                    {a.unitCode ? ` / ${a.unitCode}` : ''}
                  </td>
                  <td>{a.active ? t('accounts.active') : t('accounts.disabled')}</td>
                  <td>
                    <button
                      type="button"
                      className="button-secondary"
                      aria-label={`${t('accounts.edit')} ${a.username}`}
                      onClick={() => setEditing(a)}
                    >
                      {t('accounts.edit')}
                    </button>{' '}
                    <button
                      type="button"
                      className="button-secondary"
                      aria-label={`${t('accounts.resetLink')} ${a.username}`}
                      onClick={() => resetLink(a.username)}
                    >
                      {t('accounts.resetLink')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {editing ? (
        <EditAccount
          key={editing.username}
          account={editing}
          agencyOptions={agencyOptions}
          onDone={() => {
            setEditing(null);
            accounts.reload();
          }}
        />
      ) : (
        <CreateAccount
          agencyOptions={agencyOptions}
          onCreated={(link) => {
            setIssued(link);
            accounts.reload();
          }}
        />
      )}
    </Page>
  );
}

function LinkNotice({ issued }: { issued: IssuedLink }) {
  const { t } = useI18n();
  return (
    <div className="notice" role="status">
      <p>{t('accounts.linkIssued', { username: issued.username })}</p>
      <p>
        <code className="break-all">{issued.link}</code>
      </p>
      <p className="muted">
        {t('accounts.linkExpires', { at: new Date(issued.expiresAt).toLocaleString() })}
      </p>
    </div>
  );
}

function useRoleOptions() {
  const { t } = useI18n();
  return ROLES.map((role) => ({ value: role, label: t(`role.${role}` as MessageKey) }));
}

function CreateAccount({
  agencyOptions,
  onCreated,
}: {
  agencyOptions: { value: string; label: string }[];
  onCreated(link: IssuedLink): void;
}) {
  const { t } = useI18n();
  const roleOptions = useRoleOptions();
  const [username, setUsername] = useState('');
  const [fullName, setFullName] = useState('');
  const [role, setRole] = useState('processor');
  const [agencyCode, setAgencyCode] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    if (!username.trim()) found['new-username'] = `${t('login.username')}: ${t('err.required')}`;
    if (!fullName.trim()) found['new-fullName'] = `${t('accounts.fullName')}: ${t('err.required')}`;
    if (!agencyCode) found['new-agencyCode'] = `${t('accounts.agency')}: ${t('err.required')}`;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      const link = await api<IssuedLink>('/api/accounts', {
        method: 'POST',
        body: { username, fullName, role, agencyCode },
      });
      setUsername('');
      setFullName('');
      onCreated(link);
    } catch (error) {
      setErrors(errorsFrom(error, (field) => `new-${field}`, 'new-username'));
    }
  };
  return (
    <section aria-labelledby="create-title">
      <h2 id="create-title">{t('accounts.create')}</h2>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate className="narrow">
        <TextField
          id="new-username"
          label={t('login.username')}
          value={username}
          onChange={setUsername}
          autoComplete="off"
          error={errors['new-username']}
        />
        <TextField
          id="new-fullName"
          label={t('accounts.fullName')}
          value={fullName}
          onChange={setFullName}
          autoComplete="off"
          error={errors['new-fullName']}
        />
        <SelectField
          id="new-role"
          label={t('accounts.role')}
          value={role}
          onChange={setRole}
          options={roleOptions}
        />
        <SelectField
          id="new-agencyCode"
          label={t('accounts.agency')}
          value={agencyCode}
          onChange={setAgencyCode}
          options={agencyOptions}
          placeholder=""
          error={errors['new-agencyCode']}
        />
        <button type="submit">{t('accounts.create')}</button>
      </form>
    </section>
  );
}

function EditAccount({
  account,
  agencyOptions,
  onDone,
}: {
  account: Account;
  agencyOptions: { value: string; label: string }[];
  onDone(): void;
}) {
  const { t } = useI18n();
  const roleOptions = useRoleOptions();
  const [fullName, setFullName] = useState(account.fullName);
  const [role, setRole] = useState(account.role);
  const [agencyCode, setAgencyCode] = useState(account.agencyCode ?? '');
  const [unitId, setUnitId] = useState(account.unitId === null ? '' : String(account.unitId));
  const [active, setActive] = useState(account.active);
  const [errors, setErrors] = useState<Errors>({});
  const units = useLoad(
    (signal) =>
      agencyCode
        ? api<{ units: { id: number; name: string }[] }>(`/api/agencies/${encodeURIComponent(agencyCode)}`, {
            signal,
          })
        : Promise.resolve({ units: [] }),
    [agencyCode],
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api(`/api/accounts/${account.username}`, {
        method: 'PATCH',
        body: { fullName, role, agencyCode, unitId: unitId ? Number(unitId) : null, active },
      });
      onDone();
    } catch (error) {
      setErrors(errorsFrom(error, (field) => `edit-${field}`, 'edit-role'));
    }
  };
  return (
    <section aria-labelledby="edit-title">
      <h2 id="edit-title">{t('accounts.editTitle', { username: account.username })}</h2>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate className="narrow">
        <TextField
          id="edit-fullName"
          label={t('accounts.fullName')}
          value={fullName}
          onChange={setFullName}
          error={errors['edit-fullName']}
        />
        <SelectField
          id="edit-role"
          label={t('accounts.role')}
          value={role}
          onChange={setRole}
          options={roleOptions}
          error={errors['edit-role']}
        />
        <SelectField
          id="edit-agencyCode"
          label={t('accounts.agency')}
          value={agencyCode}
          onChange={(code) => {
            setAgencyCode(code);
            setUnitId('');
          }}
          options={agencyOptions}
          error={errors['edit-agencyCode']}
        />
        <SelectField
          id="edit-unitId"
          label={t('accounts.unit')}
          value={unitId}
          onChange={setUnitId}
          options={(units.data?.units ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
          placeholder={t('accounts.noUnit')}
          error={errors['edit-unitId']}
        />
        <Checkbox id="edit-active" label={t('accounts.activeLabel')} checked={active} onChange={setActive} />
        <button type="submit">{t('accounts.save')}</button>{' '}
        <button type="button" className="button-secondary" onClick={onDone}>
          {t('accounts.cancel')}
        </button>
      </form>
    </section>
  );
}
