import { useState } from 'react';
import { api, sendFile } from '../api';
import { DossierNotices } from '../components/DossierNotices';
import { StatusTag, Timeline } from '../components/dossier-bits';
import { FileField } from '../components/FileField';
import { Checkbox, ErrorSummary, type Errors, TextField } from '../components/fields';
import { Failure, Loading, Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { dossierPath, loadDossier } from '../dossier-load';
import { formatInstant, vnInstant } from '../format';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import type { Dossier, DossierEvent } from '../types';
import { RateDossier } from './RateDossier';
import { RequireLogin } from './RequireLogin';

/** One of the citizen's dossiers: where it stands, what happened, the receipt, and what to add if asked. */
export default function MyDossier({ code }: { code: string }) {
  return (
    <RequireLogin roles={['citizen']}>
      <Detail code={code} />
    </RequireLogin>
  );
}

interface Loaded {
  dossier: Dossier;
  events: DossierEvent[];
}

function Detail({ code }: { code: string }) {
  const { t } = useI18n();
  const path = dossierPath(code);
  const { data, error, reload } = useLoad<Loaded>((signal) => loadDossier(code, signal), [code]);
  if (error) return <Failure error={error} retry={reload} />;
  if (!data) return <Loading />;
  const { dossier, events } = data;
  const request = [...events].reverse().find((e) => e.action === 'request_supplement');
  return (
    <Page title={`${t('mine.title')}: ${dossier.code}`}>
      <dl className="summary-list">
        <div>
          <dt>{t('mine.status')}</dt>
          <dd>
            <StatusTag status={dossier.status} />
          </dd>
        </div>
        <div>
          <dt>{t('track.received')}</dt>
          <dd>{formatInstant(dossier.receivedAt)}</dd>
        </div>
        <div>
          <dt>{t('mine.due')}</dt>
          <dd>{formatInstant(dossier.dueAt)}</dd>
        </div>
        {dossier.outcome ? (
          <div>
            <dt>{t('mine.result')}</dt>
            <dd>{t(`outcome.${dossier.outcome}` as MessageKey)}</dd>
          </div>
        ) : null}
      </dl>
      {dossier.acceptedAt ? (
        <p>
          <a href={`${path}/forms/receipt.pdf`} download={`${dossier.code}-giay-tiep-nhan.pdf`}>
            {t('mine.receipt')}
          </a>
        </p>
      ) : null}
      {dossier.status === 'returned' ? <RateDossier code={dossier.code} /> : null}
      {events.some((e) => e.action === 'issue_result') && events.some((e) => e.action === 'sign') ? (
        <p>
          <a href={`${path}/result.pdf`} download={`${dossier.code}-ket-qua.pdf`}>
            {t('mine.signedResult')}
          </a>
        </p>
      ) : null}
      {dossier.status === 'payment_requested' ? <PaymentDue events={events} /> : null}
      {dossier.status === 'supplement_requested' && request ? (
        <Supplement dossier={dossier} request={request} onDone={reload} />
      ) : null}
      <DossierNotices code={dossier.code} canChoose />
      <h2>{t('mine.timeline')}</h2>
      <Timeline
        items={events.map((e) => ({
          key: String(e.seq),
          action: e.action,
          at: e.at,
          detail:
            e.action === 'request_supplement' || e.action === 'reject' || e.action === 'refuse'
              ? e.note
              : null,
        }))}
      />
      <AccessLog code={dossier.code} />
    </Page>
  );
}

interface Access {
  at: string;
  agencyName: string | null;
  agencyCode: string | null;
  roleName: string;
}

/** Which agency's officers opened this dossier and when (Decree 13/2023: the data subject may know). */
function AccessLog({ code }: { code: string }) {
  const { t } = useI18n();
  const { data, error, reload } = useLoad<{ items: Access[] }>(
    (signal) => api(`/api/me/dossiers/${encodeURIComponent(code)}/access`, { signal }),
    [code],
  );
  return (
    <section aria-labelledby="access-title">
      <h2 id="access-title">{t('mine.access')}</h2>
      {error ? <Failure error={error} retry={reload} /> : null}
      {!data && !error ? <Loading /> : null}
      {data && data.items.length === 0 ? <p>{t('mine.accessNone')}</p> : null}
      {data && data.items.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('mine.accessAt')}</th>
              <th scope="col">{t('mine.accessAgency')}</th>
              <th scope="col">{t('mine.accessRole')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((item) => (
              <tr key={`${item.at}-${item.agencyCode}-${item.roleName}`}>
                <td>{formatInstant(item.at)}</td>
                <td>{item.agencyName ?? item.agencyCode}</td>
                <td>{item.roleName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function Supplement({
  dossier,
  request,
  onDone,
}: {
  dossier: Dossier;
  request: DossierEvent;
  onDone(): void;
}) {
  const { t } = useI18n();
  const items = Array.isArray(request.payload.items) ? (request.payload.items as string[]) : [];
  const [checked, setChecked] = useState<Record<string, boolean>>({});
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<Record<string, File[]>>({});
  const send = async () => {
    const chosen = items.filter((item) => checked[item]);
    if (chosen.length === 0) {
      setErrors({ 'supp-0': t('err.docs') });
      return;
    }
    setBusy(true);
    setErrors({});
    // Each ticked item's photos or PDF go up first, one by one; a refused file is shown on its own field.
    const documents: { name: string; form: 'copy'; copies: number; uploads?: string[] }[] = [];
    for (const name of chosen) {
      const index = items.indexOf(name);
      const uploads: string[] = [];
      for (const file of files[name] ?? []) {
        try {
          uploads.push((await sendFile<{ id: string }>('/api/uploads', file)).id);
        } catch (error) {
          setErrors({ [`supp-file-${index}`]: `${file.name}: ${(error as Error).message}` });
          setBusy(false);
          return;
        }
      }
      documents.push({ name, form: 'copy', copies: 1, ...(uploads.length > 0 ? { uploads } : {}) });
    }
    try {
      await api(`/api/dossiers/${encodeURIComponent(dossier.code)}/actions`, {
        method: 'POST',
        body: {
          action: 'submit_supplement',
          version: dossier.version,
          documents,
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      });
      onDone();
    } catch (error) {
      setErrors({ 'supp-0': (error as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="notice notice-action" aria-labelledby="supplement-title">
      <h2 id="supplement-title">{t('mine.supplementTitle')}</h2>
      <p>{t('mine.supplementLead', { reason: String(request.payload.reason ?? request.note ?? '') })}</p>
      <ErrorSummary errors={errors} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <fieldset className="field">
          <legend>{t('mine.supplementItems')}</legend>
          <div className="choices">
            {items.map((item, i) => (
              <div key={item} className="card">
                <Checkbox
                  id={`supp-${i}`}
                  label={item}
                  checked={checked[item] ?? false}
                  onChange={(value) => setChecked((c) => ({ ...c, [item]: value }))}
                />
                <FileField
                  id={`supp-file-${i}`}
                  label={t('apply.upload', { name: item })}
                  hint={t('apply.uploadHint')}
                  error={errors[`supp-file-${i}`]}
                  accept="application/pdf,image/jpeg,image/png,image/tiff,.docx,.xlsx"
                  onChange={(list) => {
                    const chosen = list ? Array.from(list) : [];
                    setFiles((f) => ({ ...f, [item]: chosen }));
                    if (chosen.length > 0) setChecked((c) => ({ ...c, [item]: true }));
                  }}
                />
              </div>
            ))}
          </div>
        </fieldset>
        <TextField
          id="supp-note"
          label={t('mine.supplementNote')}
          value={note}
          onChange={setNote}
          multiline
        />
        <button type="submit" disabled={busy}>
          {t('mine.resubmit')}
        </button>
      </form>
    </section>
  );
}

/** What the applicant must pay before the dossier goes on, as the officer recorded it. */
function PaymentDue({ events }: { events: DossierEvent[] }) {
  const { t } = useI18n();
  const request = [...events].reverse().find((e) => e.action === 'request_payment');
  if (!request) return null;
  const amount = Number(request.payload.amount ?? 0);
  const payBy = typeof request.payload.payBy === 'number' ? vnInstant(request.payload.payBy) : null;
  return (
    <section className="notice notice-action" aria-labelledby="payment-title">
      <h2 id="payment-title">{t('mine.paymentTitle')}</h2>
      <p>
        {t('mine.paymentLead', {
          amount: amount.toLocaleString('vi-VN'),
          reason: String(request.payload.reason ?? ''),
          payBy: payBy ? formatInstant(payBy) : '—',
        })}
      </p>
    </section>
  );
}
