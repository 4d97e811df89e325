import { foldForSearch } from '../shared/text.js';

export interface WalletCandidate {
  id: number;
  title: string;
  validUntil: string | null;
}

/** Words too common in document names to make two names alike ("bản sao", "giấy", "của", …). */
const FILLER = new Set(['ban', 'sao', 'chinh', 'cua', 'va', 'hoac', 'co', 'the', 'giay', 'to', 'so']);

function words(text: string): string[] {
  return foldForSearch(text)
    .split(' ')
    .filter((w) => w.length > 0);
}

/**
 * Whether a wallet item can stand for a required document: the names are the same once case and marks are
 * folded, or one contains the other as whole words and shares at least two meaningful words ("Giấy khai
 * sinh" for "Giấy khai sinh của trẻ (bản sao)"); an item past its validity is never offered.
 */
export function matches(required: string, item: WalletCandidate, today: string): boolean {
  if (item.validUntil !== null && item.validUntil < today) return false;
  const a = words(required);
  const b = words(item.title);
  if (a.length === 0 || b.length === 0) return false;
  if (a.join(' ') === b.join(' ')) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const text = ` ${long.join(' ')} `;
  if (!text.includes(` ${short.join(' ')} `)) return false;
  return short.filter((w) => !FILLER.has(w)).length >= 2;
}

/** For each required document, the wallet items the portal offers in its place. */
export function offersFor(
  required: string[],
  items: WalletCandidate[],
  today: string,
): { document: string; itemIds: number[] }[] {
  return required.map((document) => ({
    document,
    itemIds: items.filter((item) => matches(document, item, today)).map((item) => item.id),
  }));
}
