import type { Kysely } from 'kysely';
import { agencyBriefs } from '../catalog/agency-store.js';
import type { Database } from '../db/schema.js';
import { foldForSearch } from '../shared/text.js';
import { own } from './store.js';

export interface NewWalletItem {
  ownerId: number;
  kind: 'document' | 'result';
  title: string;
  sha256: string;
  fileName: string;
  dossierCode: string;
  agencyCode: string;
  issuedAt: Date;
  signedBy: string | null;
  validUntil: string | null;
}

/** The consent an applicant gives by choosing wallet items for a new dossier (Decree 45/2020 art. 16). */
export const REUSE_CONSENT =
  'Tôi đồng ý để cơ quan giải quyết hồ sơ sử dụng giấy tờ, kết quả đã lưu trong kho dữ liệu của tôi cho hồ sơ này.';

/** Adds accepted documents and results to their owners' wallets; an item already there is not added twice. */
export async function addToWallet(db: Kysely<Database>, items: NewWalletItem[]): Promise<void> {
  if (items.length === 0) return;
  await own(db)
    .insertInto('wallet_items')
    .values(
      items.map((item) => ({
        owner_id: item.ownerId,
        kind: item.kind,
        title: item.title,
        title_search: foldForSearch(item.title),
        sha256: item.sha256,
        file_name: item.fileName,
        dossier_code: item.dossierCode,
        agency_code: item.agencyCode,
        issued_at: item.issuedAt,
        signed_by: item.signedBy,
        valid_until: item.validUntil,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Records that wallet items were used in a dossier, with the consent given. */
export async function recordWalletUses(
  db: Kysely<Database>,
  dossierCode: string,
  itemIds: number[],
  at: Date,
): Promise<void> {
  if (itemIds.length === 0) return;
  await own(db)
    .insertInto('wallet_uses')
    .values(
      itemIds.map((id) => ({
        wallet_item_id: id,
        dossier_code: dossierCode,
        used_at: at,
        consent: REUSE_CONSENT,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function walletItemsOwnedBy(db: Kysely<Database>, ownerId: number, ids: number[]) {
  if (ids.length === 0) return [];
  return own(db)
    .selectFrom('wallet_items as w')
    .innerJoin('stored_files as f', 'f.sha256', 'w.sha256')
    .select(['w.id', 'w.title', 'w.sha256', 'w.file_name', 'w.valid_until', 'f.bytes', 'f.mime', 'f.pages'])
    .where('w.owner_id', '=', ownerId)
    .where('w.id', 'in', ids)
    .execute();
}

/** An account's wallet with each item's provenance: which dossier, which agency, when, signed by whom, valid until. */
export async function walletOf(db: Kysely<Database>, ownerId: number) {
  const rows = await own(db)
    .selectFrom('wallet_items as w')
    .innerJoin('stored_files as f', 'f.sha256', 'w.sha256')
    .select([
      'w.id',
      'w.kind',
      'w.title',
      'w.file_name',
      'w.dossier_code',
      'w.agency_code',
      'w.issued_at',
      'w.signed_by',
      'w.valid_until',
      'f.bytes',
      'f.mime',
      'f.pages',
      (eb) =>
        eb
          .selectFrom('wallet_uses as u')
          .select((u) => u.fn.countAll<number>().as('n'))
          .whereRef('u.wallet_item_id', '=', 'w.id')
          .as('uses'),
    ])
    .where('w.owner_id', '=', ownerId)
    .orderBy('w.issued_at', 'desc')
    .orderBy('w.id', 'desc')
    .limit(500)
    .execute();
  const agencies = await agencyBriefs(db, [...new Set(rows.map((r) => r.agency_code))]);
  const name = (code: string) => agencies.find((a) => a.code === code)?.name ?? code;
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    title: row.title,
    fileName: row.file_name,
    bytes: Number(row.bytes),
    mime: row.mime,
    pages: row.pages,
    provenance: {
      dossierCode: row.dossier_code,
      agencyCode: row.agency_code,
      agencyName: name(row.agency_code),
      issuedAt: row.issued_at.toISOString(),
      signedBy: row.signed_by,
      validUntil: row.valid_until,
    },
    uses: Number(row.uses ?? 0),
  }));
}

/** Who may see a wallet item: its owner, and officers of the dossiers it was used in. */
export async function walletItemAccess(db: Kysely<Database>, id: number) {
  const item = await own(db)
    .selectFrom('wallet_items')
    .select(['id', 'owner_id', 'sha256', 'file_name', 'title'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!item) return null;
  const uses = await own(db)
    .selectFrom('wallet_uses')
    .select('dossier_code')
    .where('wallet_item_id', '=', id)
    .execute();
  return { ...item, usedIn: uses.map((u) => u.dossier_code) };
}

/** Where reused wallet items came from, for the officers of the dossier they were used in. */
export async function walletProvenance(db: Kysely<Database>, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await own(db)
    .selectFrom('wallet_items')
    .select(['id', 'kind', 'title', 'dossier_code', 'agency_code', 'issued_at', 'signed_by', 'valid_until'])
    .where('id', 'in', ids)
    .execute();
  const agencies = await agencyBriefs(db, [...new Set(rows.map((r) => r.agency_code))]);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    title: row.title,
    dossierCode: row.dossier_code,
    agencyName: agencies.find((a) => a.code === row.agency_code)?.name ?? row.agency_code,
    issuedAt: row.issued_at.toISOString(),
    signedBy: row.signed_by,
    validUntil: row.valid_until,
  }));
}
