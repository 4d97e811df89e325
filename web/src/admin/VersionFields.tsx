import { type Errors, TextField } from '../components/fields';
import { useI18n } from '../i18n';

/** What every edit of a procedure's content records on the new version: the amending decision and a note. */
export function VersionFields({
  prefix,
  decision,
  onDecision,
  note,
  onNote,
  errors,
}: {
  prefix: string;
  decision: string;
  onDecision(value: string): void;
  note: string;
  onNote(value: string): void;
  errors: Errors;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        id={`${prefix}-decisionNumber`}
        label={t('admin.versionDecision')}
        hint={t('admin.versionHint')}
        value={decision}
        onChange={onDecision}
        error={errors[`${prefix}-decisionNumber`]}
        width="medium"
      />
      <TextField
        id={`${prefix}-note`}
        label={t('admin.versionNote')}
        value={note}
        onChange={onNote}
        error={errors[`${prefix}-note`]}
      />
    </>
  );
}
