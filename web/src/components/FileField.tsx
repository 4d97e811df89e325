import { sendFile } from '../api';
import { Described, describedBy } from './fields';

/** A file input with its label, hint and error, for scans and photos (pages in order). */
export function FileField({
  id,
  label,
  hint,
  error,
  onChange,
  accept = 'application/pdf,image/jpeg,image/png,image/tiff',
}: {
  accept?: string;
  id: string;
  label: string;
  hint: string;
  error?: string | undefined;
  onChange(files: FileList | null): void;
}) {
  return (
    <div className={`field${error ? ' field-has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <Described id={id} hint={hint} error={error} />
      <input
        id={id}
        type="file"
        multiple
        accept={accept}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.files)}
      />
    </div>
  );
}

/** Uploads chosen files one by one (each is checked by the server on its own); the ids per key, in order. */
export async function uploadChosen(files: Record<string, File[]>): Promise<Record<string, string[]>> {
  const ids: Record<string, string[]> = {};
  for (const [key, list] of Object.entries(files)) {
    ids[key] = [];
    for (const file of list) ids[key].push((await sendFile<{ id: string }>('/api/uploads', file)).id);
  }
  return ids;
}
