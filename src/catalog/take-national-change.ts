import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.js';
import { insertDraft } from './draft-store.js';
import { rawNationalRecordSchema } from './national/model.js';
import { parseRecord } from './national/parse-record.js';
import { toProcedure } from './national/to-procedure.js';

/** One change of the national procedure database's feed: a procedure made, amended or abolished. */
export const nationalChangeSchema = z.object({
  seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  change: z.enum(['new', 'amended', 'abolished']),
  code: z.string().trim().min(1).max(40),
  changedAt: z
    .number()
    .int()
    .min(Date.UTC(2000, 0, 1))
    .max(Date.UTC(2100, 0, 1)),
  /** The procedure's detail record, in the form of the national database (absent for an abolition). */
  record: z.unknown().nullable(),
});
export type NationalChange = z.infer<typeof nationalChangeSchema>;

export type TakenChange = { ok: true } | { ok: false; reason: string };

/**
 * Keeps a change of the national database as a draft for the controllers: the record parsed as the import parses
 * it (what cannot be parsed goes with it as review items), never written into the catalogue here. A record that
 * is not one, or whose code differs from the change's, is refused and not kept.
 */
export async function takeNationalChange(db: Kysely<Database>, change: NationalChange): Promise<TakenChange> {
  if (change.change === 'abolished') {
    await insertDraft(db, {
      sourceSeq: change.seq,
      code: change.code,
      change: 'abolished',
      changedAt: new Date(change.changedAt),
      record: null,
      review: [],
    });
    return { ok: true };
  }
  const raw = rawNationalRecordSchema.safeParse(change.record);
  if (!raw.success) return { ok: false, reason: 'Bản ghi thủ tục không đúng dạng của CSDL quốc gia' };
  const parsed = parseRecord(raw.data);
  const record = toProcedure(parsed.procedure);
  if (!record)
    return { ok: false, reason: 'Bản ghi không có cấp thực hiện hoặc cách thức thực hiện nào đọc được' };
  if (record.code !== change.code)
    return { ok: false, reason: 'Mã thủ tục của bản ghi khác mã của thay đổi' };
  await insertDraft(db, {
    sourceSeq: change.seq,
    code: change.code,
    change: change.change,
    changedAt: new Date(change.changedAt),
    record,
    review: parsed.review,
  });
  return { ok: true };
}
