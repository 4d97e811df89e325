import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { RequireLogin } from '../account/RequireLogin';
import { api, errorsFrom } from '../api';
import { EFormFields } from '../apply/form-fields';
import { ErrorSummary, type Errors, SelectField, TextField } from '../components/fields';
import { Failure, Loading, Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n';
import { ADMIN_ROLES } from '../session';
import type { ConditionalRequirement, FormProperty, FormSchema, ProcedureDetail } from '../types';

type Kind = 'text' | 'date' | 'choice';

interface Question {
  /** Stable while the controller edits (the name may change): keeps focus in the question being typed in. */
  key: number;
  name: string;
  title: string;
  titleEn: string;
  kind: Kind;
  required: boolean;
  /** One choice per line. */
  choices: string;
  help: string;
  helpEn: string;
  showIfField: string;
  showIfEquals: string;
}

let keys = 0;

const blank = (index: number): Question => ({
  key: ++keys,
  name: `cau_hoi_${index}`,
  title: '',
  titleEn: '',
  kind: 'text',
  required: false,
  choices: '',
  help: '',
  helpEn: '',
  showIfField: '',
  showIfEquals: '',
});

/** The questions of a stored e-form, as the builder edits them. */
export function questionsOf(schema: FormSchema | null): Question[] {
  if (!schema) return [];
  return Object.entries(schema.properties).map(([name, p]) => ({
    key: ++keys,
    name,
    title: p.title ?? name,
    titleEn: p['x-title-en'] ?? '',
    kind: p.enum ? 'choice' : p['x-widget'] === 'date' ? 'date' : 'text',
    required:
      (schema.required?.includes(name) ?? false) ||
      (schema.allOf ?? []).some((rule) => rule.then.required.includes(name)),
    choices: (p.enum ?? []).join('\n'),
    help: p.description ?? '',
    helpEn: p['x-description-en'] ?? '',
    showIfField: p['x-show-if']?.field ?? '',
    showIfEquals: p['x-show-if']?.equals ?? '',
  }));
}

/**
 * The JSON Schema the portal renders and the server validates: one property per question; a required question
 * that depends on another answer is required only when that answer is given ("if … then required").
 */
export function schemaOf(questions: Question[], title: string, titleEn: string): FormSchema {
  const properties: Record<string, FormProperty> = {};
  const required: string[] = [];
  const allOf: ConditionalRequirement[] = [];
  for (const q of questions) {
    const choices = q.choices
      .split('\n')
      .map((c) => c.trim().normalize('NFC'))
      .filter(Boolean);
    const property: FormProperty = {
      type: 'string',
      title: q.title.trim().normalize('NFC'),
      ...(q.titleEn.trim() ? { 'x-title-en': q.titleEn.trim() } : {}),
      ...(q.kind === 'date' ? { 'x-widget': 'date' } : {}),
      ...(q.kind === 'choice' ? { enum: choices } : { maxLength: 500 }),
      ...(q.help.trim() ? { description: q.help.trim().normalize('NFC') } : {}),
      ...(q.helpEn.trim() ? { 'x-description-en': q.helpEn.trim() } : {}),
      ...(q.showIfField
        ? { 'x-show-if': { field: q.showIfField, equals: q.showIfEquals.normalize('NFC') } }
        : {}),
    };
    properties[q.name] = property;
    if (!q.required) continue;
    if (q.showIfField)
      allOf.push({
        if: {
          properties: { [q.showIfField]: { const: q.showIfEquals.normalize('NFC') } },
          required: [q.showIfField],
        },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a promise
        then: { required: [q.name] },
      });
    else required.push(q.name);
  }
  return {
    type: 'object',
    properties,
    required,
    ...(allOf.length > 0 ? { allOf } : {}),
    'x-groups': [{ title, titleEn, fields: questions.map((q) => q.name) }],
  };
}

/** Problems the controller must fix before publishing, keyed by the field's id. */
function problemsOf(t: ReturnType<typeof useI18n>['t'], questions: Question[], decision: string): Errors {
  const errors: Errors = {};
  const names = new Set<string>();
  questions.forEach((q, i) => {
    if (!/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(q.name) || names.has(q.name))
      errors[`q${i}-name`] = `${t('builder.name')} ${i + 1}: ${t('builder.nameRule')}`;
    names.add(q.name);
    if (q.title.trim().length < 2)
      errors[`q${i}-title`] = `${t('builder.title')} ${i + 1}: ${t('err.required')}`;
    if (q.kind === 'choice' && q.choices.split('\n').filter((c) => c.trim()).length < 2)
      errors[`q${i}-choices`] = `${t('builder.choices')} ${i + 1}: ${t('builder.twoChoices')}`;
    if (q.showIfField && !q.showIfEquals.trim())
      errors[`q${i}-equals`] = `${t('builder.showIfEquals')} ${i + 1}: ${t('err.required')}`;
  });
  if (!decision.trim()) errors['builder-decision'] = `${t('admin.decisionNumber')}: ${t('err.required')}`;
  return errors;
}

export default function FormBuilder({ code }: { code: string }) {
  return (
    <RequireLogin roles={ADMIN_ROLES}>
      <Loader code={code} />
    </RequireLogin>
  );
}

function Loader({ code }: { code: string }) {
  const { data, error, reload } = useLoad(
    (signal) => api<ProcedureDetail>(`/api/procedures/${encodeURIComponent(code)}`, { signal }),
    [code],
  );
  if (error) return <Failure error={error} retry={reload} />;
  if (!data) return <Loading />;
  return <Builder procedure={data} />;
}

function Builder({ procedure }: { procedure: ProcedureDetail }) {
  const { t } = useI18n();
  // The e-form belongs to the first document that has one, else to the first document.
  const documentIndex = Math.max(
    0,
    procedure.documents.findIndex((d) => d.formSchema),
  );
  const stored = procedure.documents[documentIndex]?.formSchema ?? null;
  const [questions, setQuestions] = useState<Question[]>(() => questionsOf(stored));
  const [preview, setPreview] = useState<Record<string, string>>({});
  const [decision, setDecision] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [published, setPublished] = useState(false);
  const group = stored?.['x-groups']?.[0];
  const schema = schemaOf(questions, group?.title ?? 'Tờ khai', group?.titleEn ?? 'Form');
  const change = (index: number, patch: Partial<Question>) =>
    setQuestions((all) => all.map((q, i) => (i === index ? { ...q, ...patch } : q)));

  const publish = async (event: FormEvent) => {
    event.preventDefault();
    setPublished(false);
    const found = problemsOf(t, questions, decision);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const documents = procedure.documents.map((d, i) =>
      i === documentIndex ? { ...d, formSchema: schema } : d,
    );
    try {
      await api(`/api/procedures/${encodeURIComponent(procedure.code)}`, {
        method: 'PUT',
        body: {
          documents,
          decisionNumber: decision.trim().normalize('NFC'),
          note: 'Sửa tờ khai điện tử bằng trình tạo biểu mẫu',
        },
      });
      setPublished(true);
    } catch (error) {
      setErrors(errorsFrom(error, () => 'builder-decision', 'builder-submit'));
    }
  };

  if (procedure.documents.length === 0)
    return (
      <Page title={t('builder.heading', { code: procedure.code })}>
        <p>{t('builder.noDocuments')}</p>
      </Page>
    );
  return (
    <Page title={t('builder.heading', { code: procedure.code })} lead={procedure.name}>
      <p>
        <Link href={`/quan-tri/thu-tuc/${encodeURIComponent(procedure.code)}`}>{t('admin.procedures')}</Link>
      </p>
      <ErrorSummary errors={errors} />
      <div className="builder">
        <form onSubmit={publish} noValidate aria-labelledby="builder-questions">
          <h2 id="builder-questions">{t('builder.questions')}</h2>
          {questions.map((q, i) => (
            <fieldset key={q.key} className="card">
              <legend>{t('builder.question', { n: i + 1 })}</legend>
              <TextField
                id={`q${i}-title`}
                label={t('builder.title')}
                value={q.title}
                onChange={(title) => change(i, { title })}
                error={errors[`q${i}-title`]}
              />
              <TextField
                id={`q${i}-titleEn`}
                label={t('builder.titleEn')}
                value={q.titleEn}
                onChange={(titleEn) => change(i, { titleEn })}
              />
              <TextField
                id={`q${i}-name`}
                label={t('builder.name')}
                hint={t('builder.nameRule')}
                value={q.name}
                onChange={(name) => change(i, { name })}
                error={errors[`q${i}-name`]}
              />
              <SelectField
                id={`q${i}-kind`}
                label={t('builder.kind')}
                value={q.kind}
                onChange={(kind) => change(i, { kind: kind as Kind })}
                options={(['text', 'date', 'choice'] as const).map((k) => ({
                  value: k,
                  label: t(`builder.kind.${k}`),
                }))}
              />
              {q.kind === 'choice' ? (
                <TextField
                  id={`q${i}-choices`}
                  label={t('builder.choices')}
                  hint={t('builder.choicesHint')}
                  value={q.choices}
                  onChange={(choices) => change(i, { choices })}
                  multiline
                  error={errors[`q${i}-choices`]}
                />
              ) : null}
              <div className="field">
                <input
                  id={`q${i}-required`}
                  type="checkbox"
                  checked={q.required}
                  onChange={(event) => change(i, { required: event.target.checked })}
                />{' '}
                <label htmlFor={`q${i}-required`}>{t('builder.required')}</label>
              </div>
              <TextField
                id={`q${i}-help`}
                label={t('builder.help')}
                value={q.help}
                onChange={(help) => change(i, { help })}
              />
              <TextField
                id={`q${i}-helpEn`}
                label={t('builder.helpEn')}
                value={q.helpEn}
                onChange={(helpEn) => change(i, { helpEn })}
              />
              <SelectField
                id={`q${i}-showIf`}
                label={t('builder.showIf')}
                value={q.showIfField}
                onChange={(showIfField) => change(i, { showIfField })}
                placeholder={t('builder.always')}
                options={questions
                  .filter((other, j) => j !== i && other.kind === 'choice')
                  .map((other) => ({ value: other.name, label: other.title || other.name }))}
              />
              {q.showIfField ? (
                <TextField
                  id={`q${i}-equals`}
                  label={t('builder.showIfEquals')}
                  value={q.showIfEquals}
                  onChange={(showIfEquals) => change(i, { showIfEquals })}
                  error={errors[`q${i}-equals`]}
                />
              ) : null}
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setQuestions((all) => all.filter((_, j) => j !== i))}
              >
                {t('builder.remove', { n: i + 1 })}
              </button>
            </fieldset>
          ))}
          <p>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setQuestions((all) => [...all, blank(all.length + 1)])}
            >
              {t('builder.add')}
            </button>
          </p>
          <TextField
            id="builder-decision"
            label={t('admin.decisionNumber')}
            hint={t('builder.decisionHint')}
            value={decision}
            onChange={setDecision}
            error={errors['builder-decision']}
          />
          {published ? (
            <p className="notice" role="status">
              {t('builder.published')}
            </p>
          ) : null}
          <button type="submit" className="button" id="builder-submit">
            {t('builder.publish')}
          </button>
        </form>
        <section aria-labelledby="builder-preview" className="card">
          <h2 id="builder-preview">{t('builder.preview')}</h2>
          <p className="hint">{t('builder.previewLead')}</p>
          <EFormFields
            schema={schema}
            fields={questions.map((q) => q.name)}
            values={preview}
            errors={{}}
            onChange={(name, value) => setPreview((current) => ({ ...current, [name]: value }))}
          />
        </section>
      </div>
    </Page>
  );
}
