import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { RequireLogin } from '../account/RequireLogin';
import { api, errorsFrom } from '../api';
import { ErrorSummary, type Errors, SelectField, TextField } from '../components/fields';
import { Failure, Loading, Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { formatInstant } from '../format';
import { useI18n } from '../i18n';
import { ADMIN_ROLES } from '../session';

interface Break {
  from: string;
  to: string;
  name: string;
  source?: string;
}
interface Makeup {
  date: string;
  name?: string;
  source?: string;
}
interface YearView {
  year: number;
  source: 'announced' | 'statutory';
  schedule: { breaks: Break[]; makeupWorkdays?: Makeup[]; note?: string } | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

export default function CalendarAdmin() {
  return (
    <RequireLogin roles={ADMIN_ROLES}>
      <Calendar />
    </RequireLogin>
  );
}

function Calendar() {
  const { t } = useI18n();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const loaded = useLoad((signal) => api<YearView>(`/api/calendar/years/${year}`, { signal }), [year]);
  return (
    <Page title={t('cal.title')}>
      <p>
        <Link href="/quan-tri">{t('admin.procedures')}</Link>
      </p>
      <SelectField
        id="cal-year"
        label={t('cal.year')}
        value={String(year)}
        onChange={(v) => setYear(Number(v))}
        options={[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => ({
          value: String(y),
          label: String(y),
        }))}
      />
      {loaded.error ? <Failure error={loaded.error} retry={loaded.reload} /> : null}
      {!loaded.data ? (
        <Loading />
      ) : (
        <YearEditor key={`${year}-${loaded.data.updatedAt}`} view={loaded.data} onSaved={loaded.reload} />
      )}
    </Page>
  );
}

function YearEditor({ view, onSaved }: { view: YearView; onSaved(): void }) {
  const { t } = useI18n();
  const [breaks, setBreaks] = useState<Break[]>(view.schedule?.breaks ?? []);
  const [makeup, setMakeup] = useState<Makeup[]>(view.schedule?.makeupWorkdays ?? []);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState('');
  const setBreak = (i: number, field: keyof Break) => (value: string) =>
    setBreaks((list) => list.map((b, j) => (j === i ? { ...b, [field]: value } : b)));
  const setDay = (i: number, field: keyof Makeup) => (value: string) =>
    setMakeup((list) => list.map((m, j) => (j === i ? { ...m, [field]: value } : m)));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage('');
    try {
      const result = await api<{ total: number }>(`/api/calendar/years/${view.year}`, {
        method: 'PUT',
        body: {
          breaks: breaks.map((b) => ({ ...b, name: b.name.trim().normalize('NFC') })),
          makeupWorkdays: makeup,
          ...(view.schedule?.note ? { note: view.schedule.note } : {}),
        },
      });
      setErrors({});
      setMessage(t('cal.saved', { year: view.year, n: result.total }));
      onSaved();
    } catch (error) {
      // "breaks.0.to" → the "to" box of break 1; make-up days likewise.
      setErrors(
        errorsFrom(
          error,
          (field) => {
            const [list, index = '0', name = 'from'] = field.split('.');
            return `${list === 'makeupWorkdays' ? 'makeup' : 'break'}-${index}-${name}`;
          },
          'cal-year',
        ),
      );
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <p>
        <strong>{t(`cal.source.${view.source}`)}</strong>
        {view.updatedAt
          ? ` · ${t('cal.updated', { at: formatInstant(view.updatedAt), by: view.updatedBy ?? '—' })}`
          : ''}
      </p>
      <ErrorSummary errors={errors} />
      {message ? (
        <p className="notice notice-success" role="status">
          {message}
        </p>
      ) : null}
      <h2>{t('cal.breaks')}</h2>
      {breaks.map((b, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; their position is their identity
        <fieldset className="group row-group" key={`break-${i}-${breaks.length}`}>
          <legend>
            {t('cal.breaks')} {i + 1}
          </legend>
          <TextField
            id={`break-${i}-from`}
            type="date"
            label={t('cal.from')}
            value={b.from}
            onChange={setBreak(i, 'from')}
            error={errors[`break-${i}-from`]}
          />
          <TextField
            id={`break-${i}-to`}
            type="date"
            label={t('cal.to')}
            value={b.to}
            onChange={setBreak(i, 'to')}
            error={errors[`break-${i}-to`]}
          />
          <TextField
            id={`break-${i}-name`}
            label={t('cal.name')}
            value={b.name}
            onChange={setBreak(i, 'name')}
            error={errors[`break-${i}-name`]}
          />
          <button
            type="button"
            className="button-secondary"
            aria-label={t('cal.removeRow', { n: i + 1 })}
            onClick={() => setBreaks((l) => l.filter((_, j) => j !== i))}
          >
            {t('cal.remove')}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button-secondary"
        onClick={() => setBreaks((l) => [...l, { from: '', to: '', name: '' }])}
      >
        {t('cal.add')}
      </button>
      <h2>{t('cal.makeup')}</h2>
      {makeup.map((m, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; their position is their identity
        <fieldset className="group row-group" key={`makeup-${i}-${makeup.length}`}>
          <legend>
            {t('cal.makeup')} {i + 1}
          </legend>
          <TextField
            id={`makeup-${i}-date`}
            type="date"
            label={t('cal.date')}
            value={m.date}
            onChange={setDay(i, 'date')}
            error={errors[`makeup-${i}-date`]}
          />
          <TextField
            id={`makeup-${i}-name`}
            label={t('cal.name')}
            value={m.name ?? ''}
            onChange={setDay(i, 'name')}
          />
          <button
            type="button"
            className="button-secondary"
            aria-label={t('cal.removeRow', { n: i + 1 })}
            onClick={() => setMakeup((l) => l.filter((_, j) => j !== i))}
          >
            {t('cal.remove')}
          </button>
        </fieldset>
      ))}
      <p>
        <button
          type="button"
          className="button-secondary"
          onClick={() => setMakeup((l) => [...l, { date: '' }])}
        >
          {t('cal.addMakeup')}
        </button>
      </p>
      <button type="submit" id="cal-submit">
        {t('cal.save', { year: view.year })}
      </button>
    </form>
  );
}
