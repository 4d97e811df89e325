import type { Kysely } from 'kysely';
import { saveSyncCursor, syncCursor } from '../../catalog/draft-store.js';
import { nationalChangeSchema, takeNationalChange } from '../../catalog/take-national-change.js';
import type { Database } from '../../db/schema.js';
import { cleanInput } from '../../shared/clean-input.js';
import { AppError } from '../../shared/errors.js';
import { parsePortalDate } from '../national-portal/portal-date.js';
import { CHANGE_OF, catalogueChangeSchema, type FeedAnswer, type NationalCatalogue } from './model.js';

const SOURCE = 'national';
const PAGE = 50;

export interface CatalogueRound {
  /** Changes kept as drafts for the controllers. */
  drafts: number;
  /** Changes that could not be kept, with why (logged; the feed moves on: a retry would not mend them). */
  refused: { seq: number | null; code: string | null; reason: string }[];
  failure: Exclude<FeedAnswer, { kind: 'changes' }> | null;
}

/**
 * Reads the national procedure database's changes since the last one taken, page by page, and keeps each as a
 * draft (never published: a controller decides). The cursor moves after each change, in the transaction that
 * keeps it, so a crash repeats at most nothing; a change taken twice is one draft anyway.
 */
export async function syncCatalogue(deps: {
  db: Kysely<Database>;
  catalogue: NationalCatalogue;
}): Promise<CatalogueRound> {
  const round: CatalogueRound = { drafts: 0, refused: [], failure: null };
  for (;;) {
    const after = await syncCursor(deps.db, SOURCE);
    const answer = await deps.catalogue.changesSince(after, PAGE);
    if (answer.kind !== 'changes') return { ...round, failure: answer };
    let cursor = after;
    for (const given of answer.changes) {
      const stt = (given as { stt?: unknown } | null)?.stt;
      const seq = typeof stt === 'number' && Number.isSafeInteger(stt) && stt > 0 ? stt : null;
      // A change already taken (a feed that counts "from" inclusively) is passed over.
      if (seq !== null && seq <= cursor) continue;
      let raw: unknown = null;
      try {
        raw = cleanInput(given, 'change');
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
      }
      const parsed = catalogueChangeSchema.safeParse(raw);
      // The change as kept here, with its bounds (a plausible date among them).
      const built = parsed.success
        ? nationalChangeSchema.safeParse({
            seq: parsed.data.stt,
            change: CHANGE_OF[parsed.data.loai],
            code: parsed.data.ma_thu_tuc,
            changedAt: parsePortalDate(parsed.data.ngay_thay_doi),
            record: parsed.data.ban_ghi,
          })
        : null;
      if (!parsed.success || !built?.success) {
        round.refused.push({
          seq,
          code: parsed.success ? parsed.data.ma_thu_tuc : null,
          reason: 'Thay đổi không đúng dạng (loại, mã, ngày hoặc nội dung)',
        });
        // Without a number the feed cannot be followed past it: stop here, and try again next round.
        if (seq === null) return round;
        cursor = seq;
        await saveSyncCursor(deps.db, SOURCE, cursor);
        continue;
      }
      const change = built.data;
      const taken = await deps.db.transaction().execute(async (trx) => {
        const result = await takeNationalChange(trx, change);
        await saveSyncCursor(trx, SOURCE, change.seq);
        return result;
      });
      cursor = change.seq;
      if (taken.ok) round.drafts++;
      else round.refused.push({ seq: change.seq, code: change.code, reason: taken.reason });
    }
    // A short page is the end of the feed; a page that moved nothing would be read again for ever.
    if (answer.changes.length < PAGE || cursor === after) return round;
  }
}
