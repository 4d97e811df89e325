import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { addToWallet, type NewWalletItem, recordWalletUses } from '../documents/wallet.js';
import type { DossierEvent } from './events.js';
import { latestEventRow } from './files-store.js';
import type { SubmittedDocument } from './model.js';
import { type DossierRow, eventOfRow } from './store.js';

/** The wallet items a set of documents reused. */
function reusedItems(documents: SubmittedDocument[]): number[] {
  return documents.flatMap((d) => (d.origin === 'wallet' && d.walletItemId ? [d.walletItemId] : []));
}

/** Uploaded documents of an accepted dossier, one wallet item per file, for its owner. */
function acceptedDocuments(row: DossierRow, ownerId: number, at: number): NewWalletItem[] {
  const documents = row.documents as unknown as SubmittedDocument[];
  return documents
    .filter((d) => d.origin === 'upload')
    .flatMap((d) => {
      const files = d.files ?? [];
      return files.map((file, i) => ({
        ownerId,
        kind: 'document' as const,
        title: files.length > 1 ? `${d.name} (tệp ${i + 1}/${files.length})` : d.name,
        sha256: file.sha256,
        fileName: file.name,
        dossierCode: row.code,
        agencyCode: row.receiving_agency,
        issuedAt: new Date(at),
        signedBy: d.signatures?.find((s) => s.valid)?.signer ?? null,
        validUntil: null,
      }));
    });
}

/**
 * Whether recording this event may change the wallet (it then joins the writer in a transaction): a reuse, an
 * acceptance of an owned dossier with uploaded documents, the issue of a signed result to an owner. The row is
 * the dossier before the event (none for the first event).
 */
export function hasWalletEffects(row: DossierRow | null, event: DossierEvent): boolean {
  switch (event.action) {
    case 'submit':
    case 'submit_supplement':
      return reusedItems(event.payload.documents).length > 0;
    case 'receive':
      return event.payload.documents.some((d) => d.origin === 'wallet' || d.origin === 'upload');
    case 'accept':
      return (
        row !== null &&
        row.owner_id !== null &&
        (row.documents as unknown as SubmittedDocument[]).some((d) => d.origin === 'upload')
      );
    case 'issue_result':
      return row !== null && row.owner_id !== null && row.signed;
    // A dossier joining its applicant's account brings what the wallet would have kept had it been theirs.
    case 'link_account':
      return (
        row !== null &&
        ((row.accepted_at !== null &&
          (row.documents as unknown as SubmittedDocument[]).some((d) => d.origin === 'upload')) ||
          (row.signed && row.finished_at !== null))
      );
    default:
      return false;
  }
}

/**
 * Side tables of the data wallet (Decree 45/2020 art. 16), written by the one writer in the event's
 * transaction: each reuse of a wallet item with the consent given; the owner's uploaded documents once the
 * dossier is accepted; the signed result once it is issued.
 */
export async function recordWalletEffects(db: Kysely<Database>, row: DossierRow, event: DossierEvent) {
  if (event.action === 'submit' || event.action === 'receive' || event.action === 'submit_supplement')
    await recordWalletUses(db, row.code, reusedItems(event.payload.documents), new Date(event.at));
  const owner = row.owner_id;
  if (owner === null) return;
  if (event.action === 'accept' || event.action === 'receive') {
    await addToWallet(db, acceptedDocuments(row, owner, event.at));
  }
  if (event.action === 'issue_result') await addSignedResult(db, row, owner, event.at);
  if (event.action === 'link_account') {
    if (row.accepted_at !== null)
      await addToWallet(db, acceptedDocuments(row, owner, row.accepted_at.getTime()));
    const issued = await latestEventRow(db, row.id, 'issue_result');
    if (issued) await addSignedResult(db, row, owner, issued.at.getTime());
  }
}

/** The signed result of the dossier, kept for its owner (not a notice of the outcome the system drew). */
async function addSignedResult(db: Kysely<Database>, row: DossierRow, owner: number, issuedAt: number) {
  const signed = await latestEventRow(db, row.id, 'sign');
  const sign = signed ? eventOfRow(signed) : null;
  const result = sign?.action === 'sign' ? sign.payload.result : undefined;
  if (!result || result.kind === 'notice') return;
  await addToWallet(db, [
    {
      ownerId: owner,
      kind: 'result',
      title: result.title,
      sha256: result.file.sha256,
      fileName: result.file.name,
      dossierCode: row.code,
      agencyCode: row.handling_agency,
      issuedAt: new Date(issuedAt),
      signedBy: result.signer,
      validUntil: result.validUntil,
    },
  ]);
}
