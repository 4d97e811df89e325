import { type Page as ApiPage, api } from '../api';
import { type Errors, Radios, SelectField, TextField } from '../components/fields';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n';
import type { Agency, FormSchema } from '../types';
import { type ApplicantDraft, isRequired, isShown } from './draft';

export function useWards() {
  return useLoad(
    (signal) => api<ApiPage<Agency>>('/api/agencies?level=commune&pageSize=200', { signal }),
    [],
  );
}

/** The applicant's details, the same on the portal and at the counter. */
export function ApplicantFields({
  value,
  onChange,
  errors,
  provenance = {},
  kind = 'person',
  locked = [],
}: {
  value: ApplicantDraft;
  onChange(field: keyof ApplicantDraft, value: string): void;
  errors: Errors;
  /** Where a pre-filled field's value came from (a registry, when, which request), shown as its hint. */
  provenance?: Partial<Record<keyof ApplicantDraft, string>>;
  /** An organisation has a name and a tax code, no birth date. */
  kind?: 'person' | 'organisation';
  /** Fields verified elsewhere (VNeID), shown but not editable. */
  locked?: (keyof ApplicantDraft)[];
}) {
  const { t } = useI18n();
  const wards = useWards();
  const set = (field: keyof ApplicantDraft) => (text: string) => onChange(field, text.normalize('NFC'));
  return (
    <>
      <TextField
        id="a-fullName"
        hint={provenance.fullName}
        label={kind === 'organisation' ? t('apply.organisationName') : t('apply.fullName')}
        value={value.fullName}
        onChange={set('fullName')}
        autoComplete={kind === 'organisation' ? 'organization' : 'name'}
        error={errors['a-fullName']}
        readOnly={locked.includes('fullName')}
        required
      />
      <TextField
        id="a-idNumber"
        label={kind === 'organisation' ? t('apply.taxCode') : t('apply.idNumber')}
        hint={provenance.idNumber ?? (kind === 'organisation' ? t('apply.taxCodeHint') : t('apply.idHint'))}
        value={value.idNumber}
        onChange={set('idNumber')}
        inputMode="numeric"
        width="medium"
        error={errors['a-idNumber']}
        readOnly={locked.includes('idNumber')}
        required
      />
      {kind === 'organisation' ? null : (
        <TextField
          id="a-birthDate"
          hint={provenance.birthDate}
          type="date"
          label={t('apply.birthDate')}
          value={value.birthDate}
          onChange={set('birthDate')}
          autoComplete="bday"
          width="medium"
          error={errors['a-birthDate']}
          readOnly={locked.includes('birthDate')}
          required
        />
      )}
      <TextField
        id="a-phone"
        type="tel"
        label={t('apply.phone')}
        value={value.phone}
        onChange={set('phone')}
        autoComplete="tel"
        width="medium"
        error={errors['a-phone']}
        required
      />
      <TextField
        id="a-email"
        type="email"
        label={t('apply.email')}
        value={value.email}
        onChange={set('email')}
        autoComplete="email"
        error={errors['a-email']}
      />
      <TextField
        id="a-line"
        hint={provenance.line}
        label={t('apply.address')}
        value={value.line}
        onChange={set('line')}
        autoComplete="street-address"
        error={errors['a-line']}
        required
      />
      <SelectField
        id="a-wardCode"
        label={t('apply.ward')}
        hint={t('apply.wardHint')}
        value={value.wardCode}
        onChange={set('wardCode')}
        placeholder={t('apply.choose')}
        error={errors['a-wardCode']}
        options={(wards.data?.items ?? [])
          .filter((w) => w.adminUnitCode)
          .map((w) => ({ value: w.adminUnitCode as string, label: w.shortName ?? w.name }))}
      />
    </>
  );
}

export function useTitleOf(schema: FormSchema | null) {
  const { lang } = useI18n();
  return (name: string) => {
    const p = schema?.properties[name];
    return (lang === 'en' ? p?.['x-title-en'] : undefined) ?? p?.title ?? name;
  };
}

/**
 * E-form questions from the procedure's JSON Schema: a choice for enumerations, a date or a text box, with their
 * help text; a question that depends on another answer appears once that answer is given. The form builder's
 * preview renders this same component.
 */
export function EFormFields({
  schema,
  fields,
  values,
  onChange,
  errors,
}: {
  schema: FormSchema;
  fields: string[];
  values: Record<string, string>;
  onChange(name: string, value: string): void;
  errors: Errors;
}) {
  const { lang } = useI18n();
  const titleOf = useTitleOf(schema);
  return (
    <>
      {fields.map((name) => {
        const p = schema.properties[name];
        if (!p || !isShown(schema, name, values)) return null;
        const id = `f-${name}`;
        const required = isRequired(schema, name);
        const help = (lang === 'en' ? p['x-description-en'] : undefined) ?? p.description;
        const hint = help ? { hint: help } : {};
        const label = `${titleOf(name)}${required ? '' : lang === 'en' ? ' (optional)' : ' (không bắt buộc)'}`;
        const set = (value: string) => onChange(name, value.normalize('NFC'));
        if (p.enum)
          return (
            <Radios
              key={name}
              id={id}
              label={label}
              value={values[name] ?? ''}
              onChange={set}
              error={errors[id]}
              {...hint}
              options={p.enum.map((v) => ({ value: v, label: v }))}
            />
          );
        return (
          <TextField
            key={name}
            id={id}
            type={p['x-widget'] === 'date' ? 'date' : 'text'}
            label={label}
            value={values[name] ?? ''}
            onChange={set}
            error={errors[id]}
            {...hint}
            required={required}
          />
        );
      })}
    </>
  );
}

/** Error-summary links for radio groups point at their first input. */
export function radioTargets(schema: FormSchema | null, fields: string[]): Record<string, string> {
  if (!schema) return {};
  return Object.fromEntries(
    fields.filter((f) => schema.properties[f]?.enum).map((f) => [`f-${f}`, `f-${f}-input`]),
  );
}
