import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { storedFiles } from '../documents/store.js';
import { walletProvenance } from '../documents/wallet.js';
import { type DossierFileRow, dossierFiles } from './files-store.js';
import type { DossierRow } from './store.js';

/**
 * A dossier's files as its readers see them: what each stands for and where it came from (a new upload,
 * the applicant's wallet with the item's provenance, a counter scan, an issued document), whether it was
 * scanned for viruses, and the digital signatures found on it when it was received.
 */
export async function listDossierFiles(db: Kysely<Database>, dossier: DossierRow) {
  const rows = await dossierFiles(db, dossier.id);
  const stored = await storedFiles(db, [...new Set(rows.map((r) => r.sha256))]);
  const wallet = await walletProvenance(
    db,
    rows.flatMap((r) => (r.wallet_item_id ? [r.wallet_item_id] : [])),
  );
  return rows.map((row: DossierFileRow) => {
    const file = stored.find((s) => s.sha256 === row.sha256);
    return {
      id: row.id,
      role: row.role,
      documentName: row.document_name,
      position: row.position,
      name: row.name,
      bytes: Number(row.bytes),
      mime: row.mime,
      pages: row.pages,
      origin: row.origin,
      walletItem: wallet.find((w) => w.id === row.wallet_item_id) ?? null,
      scan: file?.scanStatus ?? 'not_scanned',
      scanner: file?.scanner ?? null,
      signatures: file?.signatures ?? [],
      attachedAt: row.attached_at.toISOString(),
    };
  });
}
