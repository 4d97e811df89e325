import { z } from 'zod';

/**
 * The national procedure database's change feed as this system reads it (ADR 0010: the real feed is not published;
 * the path, the key header and these names are ours and configurable). Each change has a number (`stt`) that only
 * grows, the kind (new, amended, abolished), the procedure's code, when it changed (yyyyMMddHHmmss, Vietnam time),
 * and, except for an abolition, the detail record in the form of `data/national-procedures`.
 */
export const catalogueChangeSchema = z.object({
  stt: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  loai: z.enum(['moi', 'sua_doi', 'bai_bo']),
  ma_thu_tuc: z.string().trim().min(1).max(40),
  ngay_thay_doi: z.string().regex(/^\d{14}$/),
  ban_ghi: z.unknown().nullable().default(null),
});
export type CatalogueChange = z.infer<typeof catalogueChangeSchema>;

export const CHANGE_OF = { moi: 'new', sua_doi: 'amended', bai_bo: 'abolished' } as const;

export interface CatalogueSettings {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  /** The feed's path (`?tu=<last stt>&so_luong=<n>`). */
  changesPath: string;
}

export type FeedAnswer =
  | { kind: 'changes'; changes: unknown[] }
  | { kind: 'unauthorised'; status: number }
  | { kind: 'unavailable'; status: number | null; detail: string };

/** The national procedure database as the catalogue sync sees it. */
export interface NationalCatalogue {
  /** Changes after the one numbered `after`, oldest first, at most `limit` (each checked on its own). */
  changesSince(after: number, limit: number): Promise<FeedAnswer>;
}
