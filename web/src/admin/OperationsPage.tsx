import { useState } from 'react';
import { RequireLogin } from '../account/RequireLogin';
import { type Page as ApiPage, api, errorsFrom } from '../api';
import { Checkbox, ErrorSummary, type Errors, TextField } from '../components/fields';
import { Failure, Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { formatDate, formatInstant } from '../format';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';

interface Consumer {
  name: string;
  handler: string;
  topic: string;
  active: boolean;
  pending: number;
  delivered: number;
  dead: number;
  failedLast24h: number;
  lagSeconds: number;
}

interface Delivery {
  id: number;
  consumer: string;
  stream: string;
  kind: string;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

interface Webhook {
  id: number;
  consumer: string;
  url: string;
  kinds: string[] | null;
  description: string | null;
  active: boolean;
  createdAt: string;
}

/** Dossier event kinds a webhook may subscribe to (the event's action). */
const KINDS = [
  'submit',
  'receive',
  'accept',
  'request_supplement',
  'submit_supplement',
  'reject',
  'forward',
  'transfer',
  'approve',
  'refuse',
  'issue_result',
  'return_result',
  'withdraw',
  'apologise',
] as const;

export default function OperationsPage() {
  return (
    <RequireLogin roles={['admin']}>
      <Operations />
    </RequireLogin>
  );
}

function Operations() {
  const { t } = useI18n();
  // A change made on the page (a webhook registered or stopped, a replay) refreshes every section.
  const [changes, setChanges] = useState(0);
  const changed = () => setChanges((n) => n + 1);
  return (
    <Page title={t('ops.title')} lead={t('ops.lead')}>
      <Consumers changes={changes} />
      <Daily changes={changes} />
      <DeadLetters changes={changes} onChange={changed} />
      <Webhooks onChange={changed} />
    </Page>
  );
}

function lagText(seconds: number, t: ReturnType<typeof useI18n>['t']): string {
  if (seconds < 60) return t('ops.seconds', { n: seconds });
  if (seconds < 3600) return t('ops.minutes', { n: Math.round(seconds / 60) });
  return t('ops.hours', { n: Math.round(seconds / 360) / 10 });
}

function Consumers({ changes }: { changes: number }) {
  const { t } = useI18n();
  const { data, error, reload } = useLoad(
    (signal) => api<ApiPage<Consumer>>('/api/outbox/consumers', { signal }),
    [changes],
  );
  const widest = Math.max(1, ...(data?.items ?? []).map((c) => c.pending + c.dead));
  return (
    <section aria-labelledby="ops-consumers">
      <h2 id="ops-consumers">{t('ops.consumers')}</h2>
      {error ? <Failure error={error} retry={reload} /> : null}
      {data && data.items.length === 0 ? <p>{t('ops.noConsumers')}</p> : null}
      {data && data.items.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption>{t('ops.consumersCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ops.consumer')}</th>
                <th scope="col">{t('ops.pending')}</th>
                <th scope="col">{t('ops.lag')}</th>
                <th scope="col">{t('ops.failed24h')}</th>
                <th scope="col">{t('ops.dead')}</th>
                <th scope="col">{t('ops.delivered')}</th>
                <th scope="col">{t('ops.backlog')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((c) => (
                <tr key={c.name}>
                  <th scope="row">
                    {c.name}
                    {c.active ? null : <span className="muted"> ({t('ops.stopped')})</span>}
                  </th>
                  <td>{c.pending}</td>
                  <td>{lagText(c.lagSeconds, t)}</td>
                  <td>{c.failedLast24h}</td>
                  <td>{c.dead}</td>
                  <td>{c.delivered}</td>
                  <td>
                    {/* The backlog as a bar: waiting (blue) and dead (red) against the largest backlog. */}
                    <span className="bar" aria-hidden="true">
                      <span className="bar-pending" style={{ width: `${(100 * c.pending) / widest}%` }} />
                      <span className="bar-dead" style={{ width: `${(100 * c.dead) / widest}%` }} />
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <button type="button" className="button-secondary" onClick={reload}>
        {t('ops.refresh')}
      </button>
    </section>
  );
}

interface DayCount {
  consumer: string;
  day: string;
  sent: number;
  failed: number;
  pending: number;
  dead: number;
}

/** Per day and consumer, the last fortnight: sent, failed attempts, still pending, parked — with a bar each. */
function Daily({ changes }: { changes: number }) {
  const { t } = useI18n();
  const { data, error, reload } = useLoad(
    (signal) => api<ApiPage<DayCount>>('/api/outbox/daily?days=14', { signal }),
    [changes],
  );
  const widest = Math.max(1, ...(data?.items ?? []).map((d) => d.sent + d.failed + d.pending + d.dead));
  return (
    <section aria-labelledby="ops-daily">
      <h2 id="ops-daily">{t('ops.daily')}</h2>
      {error ? <Failure error={error} retry={reload} /> : null}
      {data && data.items.length === 0 ? <p>{t('ops.noDaily')}</p> : null}
      {data && data.items.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption>{t('ops.dailyCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ops.day')}</th>
                <th scope="col">{t('ops.consumer')}</th>
                <th scope="col">{t('ops.sent')}</th>
                <th scope="col">{t('ops.failedAttempts')}</th>
                <th scope="col">{t('ops.pending')}</th>
                <th scope="col">{t('ops.dead')}</th>
                <th scope="col">{t('ops.chart')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((d) => (
                <tr key={`${d.day}-${d.consumer}`}>
                  <th scope="row">{formatDate(d.day)}</th>
                  <td>{d.consumer}</td>
                  <td>{d.sent}</td>
                  <td>{d.failed}</td>
                  <td>{d.pending}</td>
                  <td>{d.dead}</td>
                  <td>
                    {/* Sent (green), failed attempts (amber), pending (blue), dead (red), on one scale. */}
                    <span className="bar" aria-hidden="true">
                      <span className="bar-sent" style={{ width: `${(100 * d.sent) / widest}%` }} />
                      <span className="bar-failed" style={{ width: `${(100 * d.failed) / widest}%` }} />
                      <span className="bar-pending" style={{ width: `${(100 * d.pending) / widest}%` }} />
                      <span className="bar-dead" style={{ width: `${(100 * d.dead) / widest}%` }} />
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function DeadLetters({ changes, onChange }: { changes: number; onChange(): void }) {
  const { t } = useI18n();
  const [message, setMessage] = useState('');
  const { data, error, reload } = useLoad(
    (signal) => api<ApiPage<Delivery>>('/api/outbox/deliveries?status=dead&pageSize=50', { signal }),
    [changes],
  );
  const replay = async (id: number) => {
    try {
      await api(`/api/outbox/deliveries/${id}/replay`, { method: 'POST' });
      setMessage(t('ops.replayed', { id }));
      onChange();
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  return (
    <section aria-labelledby="ops-dead">
      <h2 id="ops-dead">{t('ops.deadTitle')}</h2>
      <p role="status">{message}</p>
      {error ? <Failure error={error} retry={reload} /> : null}
      {data && data.items.length === 0 ? <p>{t('ops.noDead')}</p> : null}
      {data && data.items.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption>{t('ops.deadCaption', { n: data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ops.delivery')}</th>
                <th scope="col">{t('ops.consumer')}</th>
                <th scope="col">{t('ops.dossier')}</th>
                <th scope="col">{t('ops.kind')}</th>
                <th scope="col">{t('ops.attempts')}</th>
                <th scope="col">{t('ops.lastError')}</th>
                <th scope="col">{t('ops.action')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((d) => (
                <tr key={d.id}>
                  <td>{d.id}</td>
                  <td>{d.consumer}</td>
                  <td>{d.stream}</td>
                  <td>{d.kind}</td>
                  <td>{d.attempts}</td>
                  <td>{d.lastError}</td>
                  <td>
                    <button type="button" className="button-secondary" onClick={() => replay(d.id)}>
                      {t('ops.replay')}
                      <span className="visually-hidden"> {d.id}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function Webhooks({ onChange }: { onChange(): void }) {
  const { t } = useI18n();
  const { data, error, reload } = useLoad((signal) => api<ApiPage<Webhook>>('/api/webhooks', { signal }), []);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [kinds, setKinds] = useState<string[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [secret, setSecret] = useState<string | null>(null);
  const create = async () => {
    setSecret(null);
    try {
      const created = await api<Webhook & { secret: string }>('/api/webhooks', {
        method: 'POST',
        body: { url: url.trim(), kinds, ...(description.trim() ? { description: description.trim() } : {}) },
      });
      setErrors({});
      setSecret(created.secret);
      setUrl('');
      setDescription('');
      setKinds([]);
      reload();
      onChange();
    } catch (err) {
      setErrors(errorsFrom(err, () => 'hook-url', 'hook-url'));
    }
  };
  const stop = async (id: number) => {
    await api(`/api/webhooks/${id}`, { method: 'DELETE' });
    reload();
    onChange();
  };
  return (
    <section aria-labelledby="ops-hooks">
      <h2 id="ops-hooks">{t('ops.webhooks')}</h2>
      {error ? <Failure error={error} retry={reload} /> : null}
      {data && data.items.length > 0 ? (
        <ul className="plain-list">
          {data.items.map((w) => (
            <li key={w.id}>
              <strong>{w.url}</strong> —{' '}
              {w.kinds ? w.kinds.map((k) => t(`ops.kind.${k}` as MessageKey)).join(', ') : t('ops.allKinds')}
              {w.description ? ` — ${w.description}` : ''} — {formatInstant(w.createdAt)}{' '}
              {w.active ? (
                <button type="button" className="button-secondary" onClick={() => stop(w.id)}>
                  {t('ops.stop')}
                  <span className="visually-hidden"> {w.url}</span>
                </button>
              ) : (
                <span className="muted">({t('ops.stopped')})</span>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('ops.noWebhooks')}</p>
      )}
      <h3>{t('ops.newWebhook')}</h3>
      <ErrorSummary errors={errors} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <TextField
          id="hook-url"
          label={t('ops.url')}
          value={url}
          onChange={setUrl}
          error={errors['hook-url']}
        />
        <TextField
          id="hook-description"
          label={t('ops.description')}
          value={description}
          onChange={setDescription}
        />
        <fieldset className="group">
          <legend>{t('ops.kinds')}</legend>
          <p className="hint">{t('ops.kindsHint')}</p>
          {KINDS.map((kind) => (
            <Checkbox
              key={kind}
              id={`hook-kind-${kind}`}
              label={t(`ops.kind.${kind}` as MessageKey)}
              checked={kinds.includes(kind)}
              onChange={(on) => setKinds((list) => (on ? [...list, kind] : list.filter((k) => k !== kind)))}
            />
          ))}
        </fieldset>
        <button type="submit">{t('ops.create')}</button>
      </form>
      {secret ? (
        <div className="notice notice-success" role="status">
          <p>{t('ops.secretOnce')}</p>
          <p>
            <code>{secret}</code>
          </p>
        </div>
      ) : null}
    </section>
  );
}
