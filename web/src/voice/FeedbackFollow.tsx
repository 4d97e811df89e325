import { useState } from 'react';
import { api, errorsFrom } from '../api';
import { Timeline } from '../components/dossier-bits';
import { FileField } from '../components/FileField';
import { ErrorSummary, type Errors, Radios, TextField } from '../components/fields';
import { Failure, Loading, Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { formatInstant } from '../format';
import { useI18n } from '../i18n';
import type { FeedbackDetail } from './feedback-types';
import { sendFeedbackFiles } from './send-feedback-files';

const storageKey = (code: string) => `motcua.feedback.${code}`;

/** The sender follows their feedback with its secret key: where it is, the answer, and what they may do. */
export default function FeedbackFollow({ code }: { code: string }) {
  const { t } = useI18n();
  const [key, setKey] = useState(() => sessionStorage.getItem(storageKey(code)) ?? '');
  const [typed, setTyped] = useState('');
  if (!key) {
    return (
      <Page title={t('fb.followTitle')}>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            sessionStorage.setItem(storageKey(code), typed.trim());
            setKey(typed.trim());
          }}
        >
          <TextField id="fb-key" label={t('fb.keyLabel')} value={typed} onChange={setTyped} required />
          <button type="submit">{t('fb.open.button')}</button>
        </form>
      </Page>
    );
  }
  return <Follow code={code} accessKey={key} />;
}

function Follow({ code, accessKey }: { code: string; accessKey: string }) {
  const { t } = useI18n();
  const headers = { 'x-feedback-key': accessKey };
  const { data, error, reload } = useLoad(
    (signal) => api<FeedbackDetail>(`/api/feedback/${encodeURIComponent(code)}/mine`, { headers, signal }),
    [code, accessKey],
  );
  if (error) return <Failure error={error} retry={reload} />;
  if (!data) return <Loading />;
  return (
    <Page title={`${t('fb.followTitle')}: ${data.code}`}>
      <dl className="summary-list">
        <div>
          <dt>{t('fb.titleField')}</dt>
          <dd>{data.title}</dd>
        </div>
        <div>
          <dt>{t('fb.status')}</dt>
          <dd>{data.statusName}</dd>
        </div>
        <div>
          <dt>{t('fb.received')}</dt>
          <dd>{formatInstant(data.receivedAt)}</dd>
        </div>
        {data.answer ? (
          <div>
            <dt>{t('fb.answer')}</dt>
            <dd>{data.answer}</dd>
          </div>
        ) : null}
        {data.attachments.length > 0 ? (
          <div>
            <dt>{t('fb.filesAttached')}</dt>
            <dd>
              <ul className="plain-list">
                {data.attachments.map((file) => (
                  <li key={file.n}>
                    <KeyedDownload
                      path={`/api/feedback/${encodeURIComponent(data.code)}/attachments/${file.n}`}
                      name={file.name}
                      headers={headers}
                    />
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
      </dl>
      {data.actions.includes('clarify') ? (
        <SubmitterAction item={data} headers={headers} action="clarify" onDone={reload} />
      ) : null}
      {data.actions.includes('rate_answer') ? (
        <SubmitterAction item={data} headers={headers} action="rate_answer" onDone={reload} />
      ) : null}
      {data.canAttach ? <AddFiles code={data.code} accessKey={accessKey} onDone={reload} /> : null}
      <h2>{t('fb.history')}</h2>
      <Timeline
        items={data.events.map((e) => ({
          key: String(e.seq),
          action: `feedback.${e.action}`,
          at: e.at,
        }))}
      />
    </Page>
  );
}

function SubmitterAction({
  item,
  headers,
  action,
  onDone,
}: {
  item: FeedbackDetail;
  headers: Record<string, string>;
  action: 'clarify' | 'rate_answer';
  onDone(): void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [rating, setRating] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const field = action === 'clarify' ? 'fba-text' : 'fba-rating-input';
  const send = async () => {
    if (action === 'rate_answer' && !rating) {
      setErrors({ [field]: t('rate.errQuick') });
      return;
    }
    setBusy(true);
    try {
      await api(`/api/feedback/${encodeURIComponent(item.code)}/mine/actions`, {
        method: 'POST',
        headers,
        body:
          action === 'clarify'
            ? { action, version: item.version, text: text.trim() }
            : {
                action,
                version: item.version,
                rating,
                ...(text.trim() ? { comment: text.trim() } : {}),
              },
      });
      onDone();
    } catch (error) {
      setErrors(errorsFrom(error, () => field, field));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="notice notice-action" aria-labelledby={`${action}-title`}>
      <h2 id={`${action}-title`}>{t(action === 'clarify' ? 'fb.clarify' : 'fb.rateAnswer')}</h2>
      <ErrorSummary errors={errors} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        {action === 'rate_answer' ? (
          <Radios
            id="fba-rating"
            label={t('fb.rateAnswer')}
            value={rating}
            onChange={setRating}
            error={errors[field]}
            options={[
              { value: 'satisfied', label: t('fb.rating.satisfied') },
              { value: 'not_satisfied', label: t('fb.rating.not_satisfied') },
            ]}
          />
        ) : null}
        <TextField
          id="fba-text"
          label={t(action === 'clarify' ? 'fb.text' : 'fb.comment')}
          value={text}
          onChange={setText}
          error={action === 'clarify' ? errors[field] : undefined}
          multiline
        />
        <button type="submit" disabled={busy}>
          {t(action === 'clarify' ? 'fb.clarify' : 'fb.rateAnswer')}
        </button>
      </form>
    </section>
  );
}

/**
 * A file only the key holder may read: the key travels in a header, never in an address (where it would stay in
 * the history and the server's logs), so the file is fetched with it and handed to the browser to save.
 */
function KeyedDownload({
  path,
  name,
  headers,
}: {
  path: string;
  name: string;
  headers: Record<string, string>;
}) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const download = async () => {
    setFailed(false);
    const response = await fetch(path, { headers, credentials: 'same-origin' }).catch(() => null);
    if (!response?.ok) {
      setFailed(true);
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <>
      <button type="button" className="link-button" onClick={() => void download()}>
        {t('fb.download', { name })}
      </button>
      {failed ? (
        <span className="field-error" role="alert">
          {' '}
          {t('fb.downloadFailed')}
        </span>
      ) : null}
    </>
  );
}

/** More photos or documents for an item not answered yet, sent with the key; each file is checked on its own. */
function AddFiles({ code, accessKey, onDone }: { code: string; accessKey: string; onDone(): void }) {
  const { t } = useI18n();
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  // A new input after each sending, so the files just sent are no longer shown as chosen.
  const [round, setRound] = useState(0);
  const send = async () => {
    if (files.length === 0) {
      setErrors({ 'fb-more-files': t('fb.chooseFiles') });
      return;
    }
    setBusy(true);
    const { refused } = await sendFeedbackFiles(code, accessKey, files);
    setBusy(false);
    setErrors(refused.length > 0 ? { 'fb-more-files': refused.join('; ') } : {});
    setFiles([]);
    setRound((r) => r + 1);
    onDone();
  };
  return (
    <section aria-labelledby="fb-more-title">
      <h2 id="fb-more-title">{t('fb.moreFiles')}</h2>
      <ErrorSummary errors={errors} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <FileField
          key={round}
          id="fb-more-files"
          label={t('fb.files')}
          hint={t('fb.filesHint')}
          error={errors['fb-more-files']}
          onChange={(list) => setFiles(list ? Array.from(list) : [])}
        />
        <button type="submit" disabled={busy}>
          {t('fb.sendFiles')}
        </button>
      </form>
    </section>
  );
}
