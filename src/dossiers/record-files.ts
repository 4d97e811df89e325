import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { DossierEvent } from './events.js';
import { insertDossierFiles, type NewDossierFile } from './files-store.js';
import type { SubmittedDocument } from './model.js';

function documentFiles(documents: SubmittedDocument[]): NewDossierFile[] {
  return documents.flatMap((document) =>
    (document.files ?? []).map((file, position) => ({
      role: 'document' as const,
      documentName: document.name,
      position,
      file,
      origin: document.origin ?? 'upload',
      walletItemId: document.walletItemId ?? null,
    })),
  );
}

/** The files an event attaches to its dossier: submitted documents, counter scans and their seal, results. */
export function filesOfEvent(event: DossierEvent): NewDossierFile[] {
  switch (event.action) {
    case 'submit':
    case 'receive':
    case 'submit_supplement':
      return documentFiles(event.payload.documents);
    case 'digitise':
      return [
        ...event.payload.documents.flatMap((document) =>
          document.pages.map((file, position) => ({
            role: 'scan' as const,
            documentName: document.name,
            position,
            file,
            origin: 'paper' as const,
            walletItemId: null,
          })),
        ),
        {
          role: 'scan_seal',
          documentName: null,
          position: 0,
          file: event.payload.seal.file,
          origin: 'issued',
          walletItemId: null,
        },
      ];
    case 'attach_result':
      return [
        {
          role: 'result',
          documentName: event.payload.title,
          position: 0,
          file: event.payload.file,
          origin: 'issued',
          walletItemId: null,
        },
      ];
    case 'sign': {
      const result = event.payload.result;
      return result
        ? [
            {
              role: 'signed_result',
              documentName: result.title,
              position: 0,
              file: result.file,
              origin: 'issued',
              walletItemId: null,
            },
          ]
        : [];
    }
    default:
      return [];
  }
}

/** Side table `dossier_files`, written by the one writer in the event's transaction. */
export async function recordDossierFiles(db: Kysely<Database>, dossierId: number, event: DossierEvent) {
  await insertDossierFiles(db, dossierId, event, filesOfEvent(event));
}
