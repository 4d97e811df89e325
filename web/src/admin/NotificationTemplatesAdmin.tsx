import { type FormEvent, useState } from 'react';
import { RequireLogin } from '../account/RequireLogin';
import { type Page as ApiPage, api, errorsFrom } from '../api';
import { ErrorSummary, type Errors, SelectField, TextField } from '../components/fields';
import { Failure, Loading, Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { formatInstant } from '../format';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { ADMIN_ROLES } from '../session';

interface Template {
  kind: string;
  channel: 'email' | 'sms';
  subject: string | null;
  body: string;
  editedAt: string | null;
}

export default function NotificationTemplatesAdmin() {
  return (
    <RequireLogin roles={ADMIN_ROLES}>
      <Templates />
    </RequireLogin>
  );
}

/** The wording of each notice to applicants, per channel: edit, preview with an example dossier, reset. */
function Templates() {
  const { t } = useI18n();
  const { data, error, reload } = useLoad(
    (signal) =>
      api<ApiPage<Template> & { placeholders: string[] }>('/api/notification-templates', { signal }),
    [],
  );
  const [chosen, setChosen] = useState('received/email');
  if (error) return <Failure error={error} retry={reload} />;
  if (!data) return <Loading />;
  const template = data.items.find((i) => `${i.kind}/${i.channel}` === chosen) ?? data.items[0];
  return (
    <Page title={t('templates.title')} lead={t('templates.lead')}>
      <SelectField
        id="template-choice"
        label={t('templates.choose')}
        value={chosen}
        onChange={setChosen}
        options={data.items.map((i) => ({
          value: `${i.kind}/${i.channel}`,
          label: `${t(`notice.${i.kind}` as MessageKey)} — ${t(`channel.${i.channel}` as MessageKey)}`,
        }))}
      />
      <p className="hint">
        {t('templates.placeholders')} {data.placeholders.map((p) => `{{${p}}}`).join(', ')}
      </p>
      {template ? <TemplateForm key={chosen} template={template} onSaved={reload} /> : null}
    </Page>
  );
}

function TemplateForm({ template, onSaved }: { template: Template; onSaved(): void }) {
  const { t } = useI18n();
  const [subject, setSubject] = useState(template.subject ?? '');
  const [body, setBody] = useState(template.body);
  const [errors, setErrors] = useState<Errors>({});
  const [preview, setPreview] = useState<{ subject: string | null; body: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const path = `/api/notification-templates/${template.kind}/${template.channel}`;
  const text = () => ({ ...(template.channel === 'email' ? { subject } : {}), body });
  const fieldOf = (field: string) => (field.endsWith('subject') ? 'template-subject' : 'template-body');

  const run = async (work: () => Promise<void>) => {
    setErrors({});
    setMessage(null);
    try {
      await work();
    } catch (failure) {
      setErrors(errorsFrom(failure, fieldOf, 'template-body'));
    }
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api(path, { method: 'PUT', body: text() });
      setMessage(t('templates.saved'));
      onSaved();
    });
  };
  return (
    <form onSubmit={save} noValidate>
      <ErrorSummary errors={errors} />
      <p>
        {template.editedAt
          ? t('templates.editedAt', { at: formatInstant(template.editedAt) })
          : t('templates.shipped')}
      </p>
      {template.channel === 'email' ? (
        <TextField
          id="template-subject"
          label={t('templates.subject')}
          value={subject}
          onChange={setSubject}
          error={errors['template-subject']}
        />
      ) : null}
      <TextField
        id="template-body"
        label={t('templates.body')}
        value={body}
        onChange={setBody}
        multiline
        error={errors['template-body']}
      />
      <p className="button-row">
        <button type="submit">{t('templates.save')}</button>
        <button
          type="button"
          className="button-secondary"
          onClick={() =>
            run(async () => setPreview(await api(`${path}/preview`, { method: 'POST', body: text() })))
          }
        >
          {t('templates.preview')}
        </button>
        {template.editedAt ? (
          <button
            type="button"
            className="button-secondary"
            onClick={() =>
              run(async () => {
                await api(path, { method: 'DELETE' });
                setMessage(t('templates.reset'));
                onSaved();
              })
            }
          >
            {t('templates.resetButton')}
          </button>
        ) : null}
      </p>
      <div role="status">{message ? <p className="notice notice-success">{message}</p> : null}</div>
      {preview ? (
        <section aria-labelledby="preview-heading" className="card">
          <h2 id="preview-heading">{t('templates.previewTitle')}</h2>
          {preview.subject ? <p className="preview-subject">{preview.subject}</p> : null}
          <p className="preview-body">{preview.body}</p>
        </section>
      ) : null}
    </form>
  );
}
