import type { FilingAcknowledgement, ProgressRecord, SyncRecord } from './model.js';

/**
 * What the national portal answered, as a value: the handler decides what each means for the delivery
 * (accepted → next message; rate-limited → wait the time asked; anything else → retry with backoff).
 */
export type PortalAnswer =
  | { kind: 'accepted'; duplicate: boolean }
  /** The portal read the message and refused it (error_code other than 0). */
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'rate_limited'; retryAfterMs: number }
  /** Our credentials were refused: a configuration fault an operator must fix. */
  | { kind: 'unauthorised'; status: number }
  | { kind: 'unavailable'; status: number | null; detail: string };

/**
 * The national portal as the domain sees it. `messageId` is stable across retries of one delivery, so
 * the portal applies each message once however often it arrives.
 */
export interface NationalPortal {
  /** DongBoHoSoMC: the dossier as it stands after one event. */
  syncDossier(request: { messageId: string; isUpdating: boolean; record: SyncRecord }): Promise<PortalAnswer>;
  /** CapNhatTienDoHoSoMC: one hand-over between steps. */
  reportProgress(request: { messageId: string; record: ProgressRecord }): Promise<PortalAnswer>;
  /**
   * Dossiers filed on the portal that we have not acknowledged yet, oldest first, as the portal sent them
   * (each is checked on its own: one malformed filing must not hold up the others).
   */
  pendingFilings(request: { limit: number }): Promise<FilingsAnswer>;
  /** Tells the portal a filing was received under our code, or refused and why; applied once per message id. */
  acknowledgeFiling(request: {
    messageId: string;
    acknowledgement: FilingAcknowledgement;
  }): Promise<PortalAnswer>;
}

export type FilingsAnswer =
  | { kind: 'filings'; filings: unknown[] }
  | Exclude<PortalAnswer, { kind: 'accepted' }>;
