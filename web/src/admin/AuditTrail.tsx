import { type FormEvent, useState } from 'react';
import { RequireLogin } from '../account/RequireLogin';
import { api, query } from '../api';
import { SelectField, TextField } from '../components/fields';
import { Failure, Loading, Page } from '../components/Page';
import { TableRegion } from '../components/TableRegion';
import { useLoad } from '../components/use-load';
import { formatInstant } from '../format';
import { useI18n } from '../i18n';

interface Entry {
  id: number;
  at: string;
  actorUsername: string | null;
  roleName: string;
  agencyCode: string | null;
  kind: 'read' | 'change';
  purpose: string;
  dossierCode: string | null;
  requestId: string;
}

const PAGE_SIZE = 50;

export default function AuditTrail() {
  return (
    <RequireLogin roles={['controller']}>
      <Trail />
    </RequireLogin>
  );
}

interface Filter {
  dossier: string;
  kind: string;
  from: string;
  to: string;
}

/**
 * The trail of who read or changed dossiers' personal data: a controller of the province searches every
 * entry, a department's or a commune's controller its own officers' (the server decides).
 */
function Trail() {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Filter>({ dossier: '', kind: '', from: '', to: '' });
  const [filter, setFilter] = useState<Filter>(draft);
  const [page, setPage] = useState(1);
  const trail = useLoad(
    (signal) =>
      api<{ items: Entry[]; total: number }>(
        `/api/audit${query({
          dossier: filter.dossier.trim() || undefined,
          kind: filter.kind || undefined,
          from: filter.from || undefined,
          to: filter.to || undefined,
          page,
          pageSize: PAGE_SIZE,
        })}`,
        { signal },
      ),
    [filter, page],
  );
  const set = (field: keyof Filter) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPage(1);
    setFilter(draft);
  };
  const pages = trail.data ? Math.max(1, Math.ceil(trail.data.total / PAGE_SIZE)) : 1;
  return (
    <Page title={t('audit.title')} lead={t('audit.lead')}>
      <form onSubmit={submit} className="filters" aria-label={t('audit.filters')}>
        <TextField
          id="audit-dossier"
          label={t('audit.dossier')}
          value={draft.dossier}
          onChange={set('dossier')}
        />
        <SelectField
          id="audit-kind"
          label={t('audit.kind')}
          value={draft.kind}
          onChange={set('kind')}
          placeholder={t('audit.kindAll')}
          options={[
            { value: 'read', label: t('audit.kind.read') },
            { value: 'change', label: t('audit.kind.change') },
          ]}
        />
        <TextField
          id="audit-from"
          type="date"
          label={t('audit.from')}
          value={draft.from}
          onChange={set('from')}
          width="medium"
        />
        <TextField
          id="audit-to"
          type="date"
          label={t('audit.to')}
          value={draft.to}
          onChange={set('to')}
          width="medium"
        />
        <button type="submit">{t('audit.search')}</button>
      </form>
      {trail.error ? <Failure error={trail.error} retry={trail.reload} /> : null}
      {!trail.data && !trail.error ? <Loading /> : null}
      {trail.data ? (
        <>
          <p role="status">{t('audit.count', { n: trail.data.total.toLocaleString('vi-VN') })}</p>
          <TableRegion label={t('audit.title')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('audit.at')}</th>
                  <th scope="col">{t('audit.who')}</th>
                  <th scope="col">{t('audit.agency')}</th>
                  <th scope="col">{t('audit.kind')}</th>
                  <th scope="col">{t('audit.purpose')}</th>
                  <th scope="col">{t('audit.dossier')}</th>
                  <th scope="col">{t('audit.request')}</th>
                </tr>
              </thead>
              <tbody>
                {trail.data.items.map((e) => (
                  <tr key={e.id}>
                    <td>{formatInstant(e.at)}</td>
                    <td>
                      {e.actorUsername ?? '—'}
                      <br />
                      <span className="muted">{e.roleName}</span>
                    </td>
                    <td>{e.agencyCode ?? '—'}</td>
                    <td>{t(e.kind === 'read' ? 'audit.kind.read' : 'audit.kind.change')}</td>
                    <td>{e.purpose}</td>
                    <td>{e.dossierCode ?? '—'}</td>
                    <td>
                      <code>{e.requestId}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          {pages > 1 ? (
            <nav className="pager" aria-label={t('audit.pages')}>
              {page > 1 ? (
                <button type="button" className="button-secondary" onClick={() => setPage(page - 1)}>
                  {t('audit.previous')}
                </button>
              ) : null}
              <span>{t('audit.pageOf', { page: String(page), pages: String(pages) })}</span>
              {page < pages ? (
                <button type="button" className="button-secondary" onClick={() => setPage(page + 1)}>
                  {t('audit.next')}
                </button>
              ) : null}
            </nav>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
