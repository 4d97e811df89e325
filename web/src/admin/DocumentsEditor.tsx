import { type FormEvent, useState } from 'react';
import { api, errorsFrom } from '../api';
import { ErrorSummary, type Errors, SelectField, TextField } from '../components/fields';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import type { ProcedureDetail, RequiredDocument } from '../types';
import { VersionFields } from './VersionFields';

const FORMS = ['original', 'copy', 'certified_copy', 'original_or_copy', 'original_and_copy'] as const;
const MAX_PIECES = 50;

/** One document as the controller edits it; what the editor does not show (e-form, templates) is kept. */
interface Row {
  key: number;
  name: string;
  form: string;
  originals: string;
  copies: string;
  condition: string;
  group: string;
  kept: RequiredDocument | null;
}

const count = (n: number | undefined) => (n === undefined ? '' : String(n));

function rowOf(document: RequiredDocument, key: number): Row {
  return {
    key,
    name: document.name,
    form: document.form ?? '',
    originals: count(document.quantity?.originals),
    copies: count(document.quantity?.copies),
    condition: document.condition ?? '',
    group: document.group ?? '',
    kept: document,
  };
}

const text = (value: string) => value.trim().normalize('NFC');
const pieces = (value: string) => (value.trim() === '' ? 0 : Number(value));
const validPieces = (value: string) =>
  value.trim() === '' || (/^\d+$/.test(value.trim()) && Number(value) <= MAX_PIECES);

/** The document as the catalogue stores it: counts as published (both empty: not stated), the case, the heading. */
function documentOf(row: Row): RequiredDocument {
  const counted = row.originals.trim() !== '' || row.copies.trim() !== '';
  const originals = pieces(row.originals);
  const copies = pieces(row.copies);
  return {
    template: null,
    formSchema: null,
    templates: [],
    ...row.kept,
    name: text(row.name),
    form: (row.form || null) as RequiredDocument['form'],
    quantity: counted ? { originals, copies } : null,
    copies: counted ? Math.min(MAX_PIECES, originals + copies) : (row.kept?.copies ?? 0),
    condition: text(row.condition) || null,
    group: text(row.group) || null,
  };
}

/**
 * The procedure's documents (thành phần hồ sơ) edited without code: each one's name, how it is handed in and how
 * many pieces, the case it is needed in, the heading it is listed under, in the order shown to applicants, plus
 * the remarks published with the list. Saving writes a new procedure version; dossiers already received keep
 * the list they were received under.
 */
export function DocumentsEditor({ procedure, onSaved }: { procedure: ProcedureDetail; onSaved(): void }) {
  const { t } = useI18n();
  const [rows, setRows] = useState<Row[]>(() => procedure.documents.map(rowOf));
  const [nextKey, setNextKey] = useState(procedure.documents.length);
  const [notes, setNotes] = useState(procedure.documentNotes.join('\n'));
  const [decision, setDecision] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);
  const change = (key: number, patch: Partial<Row>) =>
    setRows((all) => all.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  // Errors name documents by position: once the list changes they would point at the wrong one.
  const move = (index: number, by: -1 | 1) => {
    setErrors({});
    setRows((all) => {
      const moved = [...all];
      const [row] = moved.splice(index, 1);
      if (row) moved.splice(index + by, 0, row);
      return moved;
    });
  };
  const add = () => {
    setRows((all) => [
      ...all,
      { key: nextKey, name: '', form: '', originals: '', copies: '', condition: '', group: '', kept: null },
    ]);
    setNextKey((k) => k + 1);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const found: Errors = {};
    rows.forEach((row, i) => {
      const n = String(i + 1);
      if (!text(row.name)) found[`doc${i}-name`] = t('docs.errName', { n });
      if (!validPieces(row.originals)) found[`doc${i}-originals`] = t('docs.errCount', { n });
      if (!validPieces(row.copies)) found[`doc${i}-copies`] = t('docs.errCount', { n });
    });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      await api(`/api/procedures/${encodeURIComponent(procedure.code)}`, {
        method: 'PUT',
        body: {
          documents: rows.map(documentOf),
          documentNotes: notes
            .split('\n')
            .map(text)
            .filter((line) => line !== ''),
          ...(text(decision) ? { decisionNumber: text(decision) } : {}),
          note: text(note) || 'Sửa thành phần hồ sơ',
        },
      });
      setDecision('');
      setNote('');
      setSaved(true);
      onSaved();
    } catch (error) {
      setErrors(
        errorsFrom(
          error,
          (field) => {
            // "documents.0.quantity.copies" → the copies box of document 1; "documentNotes.3" → the notes.
            const [list, index, name, part] = field.split('.');
            if (list === 'documents' && index !== undefined) {
              const box = name === 'quantity' ? (part ?? 'originals') : name;
              return `doc${index}-${['name', 'originals', 'copies', 'condition', 'group', 'form'].includes(box ?? '') ? box : 'name'}`;
            }
            return list === 'documentNotes' ? 'docs-notes' : `docs-${list ?? 'submit'}`;
          },
          'docs-submit',
        ),
      );
    }
  };

  return (
    <section aria-labelledby="docs-heading" className="card">
      <h2 id="docs-heading">{t('docs.heading')}</h2>
      <p className="hint">{t('docs.lead')}</p>
      <ErrorSummary errors={errors} />
      {saved ? (
        <p className="notice notice-success" role="status">
          {t('docs.saved')}
        </p>
      ) : null}
      <form onSubmit={submit} noValidate>
        {rows.map((row, i) => {
          const legend = t('docs.document', { n: String(i + 1) });
          return (
            <fieldset key={row.key} className="card">
              <legend>{legend}</legend>
              <TextField
                id={`doc${i}-name`}
                label={t('docs.name')}
                value={row.name}
                onChange={(name) => change(row.key, { name })}
                error={errors[`doc${i}-name`]}
                multiline
              />
              <SelectField
                id={`doc${i}-form`}
                label={t('docs.form')}
                value={row.form}
                onChange={(form) => change(row.key, { form })}
                error={errors[`doc${i}-form`]}
                options={[
                  { value: '', label: t('form.null') },
                  ...FORMS.map((f) => ({ value: f, label: t(`form.${f}` as MessageKey) })),
                ]}
              />
              <div className="row">
                <TextField
                  id={`doc${i}-originals`}
                  label={t('docs.originals')}
                  value={row.originals}
                  onChange={(originals) => change(row.key, { originals })}
                  error={errors[`doc${i}-originals`]}
                  inputMode="numeric"
                  width="short"
                />
                <TextField
                  id={`doc${i}-copies`}
                  label={t('docs.copies')}
                  value={row.copies}
                  onChange={(copies) => change(row.key, { copies })}
                  error={errors[`doc${i}-copies`]}
                  inputMode="numeric"
                  width="short"
                />
              </div>
              <TextField
                id={`doc${i}-condition`}
                label={t('docs.condition')}
                hint={t('docs.conditionHint')}
                value={row.condition}
                onChange={(condition) => change(row.key, { condition })}
                error={errors[`doc${i}-condition`]}
                multiline
              />
              <TextField
                id={`doc${i}-group`}
                label={t('docs.group')}
                value={row.group}
                onChange={(group) => change(row.key, { group })}
                error={errors[`doc${i}-group`]}
              />
              <div className="row">
                <button
                  type="button"
                  className="button-secondary"
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                >
                  {t('docs.up')}
                  <span className="visually-hidden"> {legend}</span>
                </button>
                <button
                  type="button"
                  className="button-secondary"
                  disabled={i === rows.length - 1}
                  onClick={() => move(i, 1)}
                >
                  {t('docs.down')}
                  <span className="visually-hidden"> {legend}</span>
                </button>
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => {
                    setErrors({});
                    setRows((all) => all.filter((r) => r.key !== row.key));
                  }}
                >
                  {t('docs.remove')}
                  <span className="visually-hidden"> {legend}</span>
                </button>
              </div>
            </fieldset>
          );
        })}
        <p>
          <button type="button" className="button-secondary" onClick={add}>
            {t('docs.add')}
          </button>
        </p>
        <TextField
          id="docs-notes"
          label={t('docs.notes')}
          hint={t('docs.notesHint')}
          value={notes}
          onChange={setNotes}
          error={errors['docs-notes']}
          multiline
        />
        <VersionFields
          prefix="docs"
          decision={decision}
          onDecision={setDecision}
          note={note}
          onNote={setNote}
          errors={errors}
        />
        <button type="submit" id="docs-submit">
          {t('docs.save')}
        </button>
      </form>
    </section>
  );
}
