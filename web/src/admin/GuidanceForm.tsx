import { type FormEvent, useState } from 'react';
import { ApiError, api, errorsFrom } from '../api';
import { ErrorSummary, type Errors, SelectField, TextField } from '../components/fields';
import { useI18n } from '../i18n';
import type { ProcedureDetail } from '../types';

const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Sends a file's bytes as they are; the server checks the type against the bytes and the 10 MB limit. */
async function upload(code: string, purpose: 'template' | 'sample', file: File): Promise<number> {
  const type = TYPES[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? file.type;
  const response = await fetch(
    `/api/procedures/${encodeURIComponent(code)}/files?purpose=${purpose}&fileName=${encodeURIComponent(file.name.normalize('NFC'))}`,
    { method: 'POST', credentials: 'same-origin', headers: { 'content-type': type }, body: file },
  );
  const body = await response.json().catch(() => null);
  if (!response.ok)
    throw new ApiError(response.status, body?.error?.code ?? 'HTTP_ERROR', body?.error?.message ?? '');
  return body.id as number;
}

/**
 * Guidance for applicants (video, a new question and answer, a sample filled dossier) and a template file for a
 * document: files are stored first, then everything is published as a new version with its decision.
 */
export function GuidanceForm({ procedure, onSaved }: { procedure: ProcedureDetail; onSaved(): void }) {
  const { t } = useI18n();
  const [video, setVideo] = useState(procedure.guidance.videoUrl ?? '');
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState('');
  const [sampleTitle, setSampleTitle] = useState('');
  const [sample, setSample] = useState<File | null>(null);
  const [documentIndex, setDocumentIndex] = useState('');
  const [template, setTemplate] = useState<File | null>(null);
  const [decision, setDecision] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const found: Errors = {};
    if (video.trim() && !/^https:\/\//.test(video.trim()))
      found['g-video'] = `${t('guide.video')}: ${t('err.format')}`;
    if (question.trim() && !answer.trim()) found['g-answer'] = `${t('guide.answer')}: ${t('err.required')}`;
    if (sample && !sampleTitle.trim())
      found['g-sampleTitle'] = `${t('guide.sampleTitle')}: ${t('err.required')}`;
    if (template && documentIndex === '')
      found['g-document'] = `${t('guide.document')}: ${t('err.required')}`;
    if (!decision.trim()) found['g-decision'] = `${t('admin.decisionNumber')}: ${t('err.required')}`;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      const samples = [...procedure.guidance.samples];
      if (sample)
        samples.push({
          title: sampleTitle.trim().normalize('NFC'),
          fileId: await upload(procedure.code, 'sample', sample),
        });
      let documents = procedure.documents;
      if (template) {
        const fileId = await upload(procedure.code, 'template', template);
        const index = Number(documentIndex);
        documents = documents.map((d, i) =>
          i === index
            ? {
                ...d,
                templates: [
                  ...d.templates.filter((x) => x.fileName !== template.name),
                  { fileName: template.name.normalize('NFC'), fileId },
                ],
              }
            : d,
        );
      }
      const faqs = question.trim()
        ? [
            ...procedure.guidance.faqs,
            { question: question.trim().normalize('NFC'), answer: answer.trim().normalize('NFC') },
          ]
        : procedure.guidance.faqs;
      await api(`/api/procedures/${encodeURIComponent(procedure.code)}`, {
        method: 'PUT',
        body: {
          guidance: { videoUrl: video.trim() || null, faqs, samples },
          ...(template ? { documents } : {}),
          decisionNumber: decision.trim().normalize('NFC'),
          note: 'Hướng dẫn, hồ sơ mẫu, mẫu đơn',
        },
      });
      setQuestion('');
      setAnswer('');
      setSample(null);
      setSampleTitle('');
      setTemplate(null);
      setSaved(true);
      onSaved();
    } catch (error) {
      setErrors(errorsFrom(error, (field) => `g-${field.split('.').pop()}`, 'g-submit'));
    }
  };

  return (
    <section aria-labelledby="guide-heading" className="card">
      <h2 id="guide-heading">{t('guide.heading')}</h2>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <TextField
          id="g-video"
          label={t('guide.video')}
          value={video}
          onChange={setVideo}
          error={errors['g-video']}
        />
        <TextField id="g-question" label={t('guide.question')} value={question} onChange={setQuestion} />
        <TextField
          id="g-answer"
          label={t('guide.answer')}
          value={answer}
          onChange={setAnswer}
          multiline
          error={errors['g-answer']}
        />
        <TextField
          id="g-sampleTitle"
          label={t('guide.sampleTitle')}
          value={sampleTitle}
          onChange={setSampleTitle}
          error={errors['g-sampleTitle']}
        />
        <div className="field">
          <label htmlFor="g-sample">{t('guide.sampleFile')}</label>
          <input
            id="g-sample"
            type="file"
            accept=".pdf,.doc,.docx"
            onChange={(e) => setSample(e.target.files?.[0] ?? null)}
          />
        </div>
        <SelectField
          id="g-document"
          label={t('guide.document')}
          value={documentIndex}
          onChange={setDocumentIndex}
          placeholder={t('guide.noTemplate')}
          options={procedure.documents.map((d, i) => ({ value: String(i), label: d.name.slice(0, 120) }))}
          error={errors['g-document']}
        />
        <div className="field">
          <label htmlFor="g-template">{t('guide.templateFile')}</label>
          <input
            id="g-template"
            type="file"
            accept=".pdf,.doc,.docx"
            onChange={(e) => setTemplate(e.target.files?.[0] ?? null)}
          />
        </div>
        <TextField
          id="g-decision"
          label={t('admin.decisionNumber')}
          value={decision}
          onChange={setDecision}
          error={errors['g-decision']}
        />
        {saved ? (
          <p className="notice" role="status">
            {t('admin.saved')}
          </p>
        ) : null}
        <button type="submit" className="button" id="g-submit">
          {t('guide.save')}
        </button>
      </form>
    </section>
  );
}
