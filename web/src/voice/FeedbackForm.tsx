import { useState } from 'react';
import { Link } from 'wouter';
import { api, errorsFrom } from '../api';
import { FileField } from '../components/FileField';
import { ErrorSummary, type Errors, Radios, TextField } from '../components/fields';
import { Page } from '../components/Page';
import { useI18n } from '../i18n';
import { sendFeedbackFiles } from './send-feedback-files';

interface Receipt {
  code: string;
  accessKey: string;
  status: string;
  receivedAt: string;
}

const FIELD_IDS: Record<string, string> = {
  subject: 'fb-subject-input',
  title: 'fb-title',
  content: 'fb-content',
  'submitter.name': 'fb-name',
  'submitter.phone': 'fb-phone',
  'submitter.email': 'fb-email',
};

/** Anyone sends feedback on a regulation or on the service; contact details are optional. */
export default function FeedbackForm() {
  const { t } = useI18n();
  const [subject, setSubject] = useState('regulation');
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [attached, setAttached] = useState<string[]>([]);
  const [refusedFiles, setRefusedFiles] = useState<string[]>([]);

  if (receipt) {
    return (
      <Page title={t('fb.sent')}>
        {refusedFiles.length > 0 ? (
          <div className="error-summary" role="alert" aria-labelledby="fb-files-refused">
            <h2 id="fb-files-refused">{t('fb.filesRefused')}</h2>
            <ul>
              {refusedFiles.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <dl className="summary-list">
          <div>
            <dt>{t('fb.sentCode')}</dt>
            <dd data-testid="feedback-code">{receipt.code}</dd>
          </div>
          <div>
            <dt>{t('fb.sentKey')}</dt>
            <dd className="secret" data-testid="feedback-key">
              {receipt.accessKey}
            </dd>
          </div>
          {attached.length > 0 ? (
            <div>
              <dt>{t('fb.filesAttached')}</dt>
              <dd>{attached.join(', ')}</dd>
            </div>
          ) : null}
        </dl>
        <p>{t('fb.sentKeyHint')}</p>
        <p>
          <Link href={`/phan-anh/theo-doi/${encodeURIComponent(receipt.code)}`}>{t('fb.follow')}</Link>
        </p>
      </Page>
    );
  }

  const send = async () => {
    const found: Errors = {};
    if (title.trim().length < 5) found['fb-title'] = t('fb.errTitle');
    if (content.trim().length < 20) found['fb-content'] = t('fb.errContent');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const submitter = Object.fromEntries(
      [
        ['name', name.trim()],
        ['phone', phone.trim()],
        ['email', email.trim()],
      ].filter(([, v]) => v),
    );
    setBusy(true);
    try {
      const sent = await api<Receipt>('/api/feedback', {
        method: 'POST',
        body: {
          subject,
          title: title.trim(),
          content: content.trim(),
          ...(Object.keys(submitter).length > 0 ? { submitter } : {}),
        },
      });
      // The key opens the follow page in this browser without asking for it again.
      sessionStorage.setItem(`motcua.feedback.${sent.code}`, sent.accessKey);
      // The files go once the item exists, with its key; a refused file does not undo the feedback.
      const { done, refused } = await sendFeedbackFiles(sent.code, sent.accessKey, files);
      setAttached(done);
      setRefusedFiles(refused);
      setReceipt(sent);
    } catch (error) {
      setErrors(errorsFrom(error, (field) => FIELD_IDS[field] ?? 'fb-title', 'fb-title'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('fb.title')} lead={t('fb.lead')}>
      <ErrorSummary errors={errors} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <Radios
          id="fb-subject"
          label={t('fb.subject')}
          value={subject}
          onChange={setSubject}
          options={[
            { value: 'regulation', label: t('fb.subject.regulation') },
            { value: 'service', label: t('fb.subject.service') },
          ]}
        />
        <TextField
          id="fb-title"
          label={t('fb.titleField')}
          value={title}
          onChange={setTitle}
          error={errors['fb-title']}
          required
        />
        <TextField
          id="fb-content"
          label={t('fb.content')}
          hint={t('fb.contentHint')}
          value={content}
          onChange={setContent}
          error={errors['fb-content']}
          required
          multiline
        />
        <FileField
          id="fb-files"
          label={t('fb.files')}
          hint={t('fb.filesHint')}
          onChange={(list) => setFiles(list ? [...list] : [])}
        />
        <fieldset className="group">
          <legend>{t('fb.contact')}</legend>
          <p className="hint">{t('fb.contactHint')}</p>
          <TextField
            id="fb-name"
            label={t('fb.name')}
            value={name}
            onChange={setName}
            autoComplete="name"
            error={errors['fb-name']}
          />
          <TextField
            id="fb-phone"
            label={t('fb.phone')}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            value={phone}
            onChange={setPhone}
            error={errors['fb-phone']}
            width="medium"
          />
          <TextField
            id="fb-email"
            label={t('fb.email')}
            type="email"
            autoComplete="email"
            value={email}
            onChange={setEmail}
            error={errors['fb-email']}
          />
        </fieldset>
        <button type="submit" disabled={busy}>
          {t('fb.send')}
        </button>
      </form>
    </Page>
  );
}
