import { foldForSearch } from '../shared/text.js';
import type { ProcedureRecord, RequiredDocument } from './model.js';

/**
 * A value an import brings: not null, not an empty text or list, not a limit without a unit (a bare figure, "1" as
 * the portal sometimes shows it, says less than the "1 working day" the catalogue may hold).
 */
function hasValue(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && 'unit' in value && 'value' in value) return value.unit !== 'unspecified';
  if (typeof value === 'object' && 'kinds' in value && 'text' in value)
    return hasValue(value.kinds) || hasValue(value.text);
  if (typeof value === 'object')
    return Object.values(value as Record<string, unknown>).some((item) => hasValue(item));
  return true;
}

/**
 * What the catalogue decides and no import carries: the full-online review (Decree 224/2026 art. 14) and the
 * guidance written for applicants. An import sets them only for a procedure the catalogue does not hold yet.
 */
const DECIDED_HERE = ['onlineLevel', 'onlineReason', 'guidance'] as const;

/** Routing and the limit an import may leave unread are merged like the rest; the code never changes. */
type MergedKey = Exclude<keyof ProcedureRecord, 'code' | 'documents' | (typeof DECIDED_HERE)[number]>;

const name = (document: RequiredDocument) => foldForSearch(document.name);

/**
 * The documents an import brings, keeping what the catalogue added to them: the e-form goes to the incoming
 * document of the same name, or to the first whose name begins with it ("Tờ khai đăng ký khai sinh" → "Tờ khai
 * đăng ký khai sinh theo mẫu …"); stored template files stay with the template of the same file name. A document
 * holding an e-form that no incoming document matches is kept, first, so that no e-form is lost.
 */
export function mergeDocuments(
  current: RequiredDocument[],
  incoming: RequiredDocument[],
): RequiredDocument[] {
  if (incoming.length === 0) return current;
  const forms = current.filter((document) => document.formSchema);
  const placed = new Set<RequiredDocument>();
  const merged = incoming.map((document) => {
    const same = current.find((c) => name(c) === name(document));
    const form =
      forms.find((c) => !placed.has(c) && name(c) === name(document)) ??
      forms.find((c) => !placed.has(c) && name(document).startsWith(name(c)));
    if (form) placed.add(form);
    const storedFiles = new Map(
      (same?.templates ?? []).filter((t) => t.fileId !== null).map((t) => [t.fileName, t.fileId]),
    );
    return {
      ...document,
      formSchema: document.formSchema ?? form?.formSchema ?? null,
      template: document.template ?? same?.template ?? null,
      templates: document.templates.map((t) => ({
        ...t,
        fileId: t.fileId ?? storedFiles.get(t.fileName) ?? null,
      })),
    };
  });
  return [...forms.filter((form) => !placed.has(form)), ...merged];
}

/**
 * Merges an imported record onto the one the catalogue holds, by code: the import wins wherever it has a value,
 * the catalogue's value stays wherever the import has none, and what only the catalogue decides stays as it is.
 */
export function mergeProcedure(current: ProcedureRecord, incoming: ProcedureRecord): ProcedureRecord {
  const merged: ProcedureRecord = {
    ...current,
    documents: mergeDocuments(current.documents, incoming.documents),
  };
  const keys = Object.keys(incoming).filter(
    (key): key is MergedKey =>
      key !== 'code' && key !== 'documents' && !(DECIDED_HERE as readonly string[]).includes(key),
  );
  for (const key of keys) {
    if (hasValue(incoming[key])) Object.assign(merged, { [key]: incoming[key] });
  }
  // The import says the procedure is not offered online: it is offline until a controller reviews it (and, being
  // less than fully online, it is listed among the procedures whose reason is still to be published).
  if (merged.onlineLevel !== 'none' && !merged.channels.includes('online')) {
    merged.onlineLevel = 'none';
    merged.onlineReason = null;
  }
  return merged;
}
