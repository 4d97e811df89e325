import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import type { ClaimedDelivery, DeliveryHandler, DeliveryOutcome } from '../../outbox/model.js';
import { readDossierAtEvent } from '../dossier-at-event.js';
import { isFirstSync, isHandOver, progressRecordOf, syncRecordOf } from './map-dossier.js';
import type { NationalPortal, PortalAnswer } from './port.js';

export interface NationalPortalDeps {
  db: Kysely<Database>;
  portal: NationalPortal;
}

const payloadSchema = z.object({ event: z.object({ seq: z.number().int().positive().max(1_000_000) }) });

/**
 * Carries each dossier event to the national portal: DongBoHoSoMC with the dossier as it stood after the
 * event (status mapped to 1–10), then CapNhatTienDoHoSoMC when the event hands the dossier over between
 * steps. Each message id is derived from the delivery's idempotency key, so a retry — even one that
 * resends a sync the portal already took — is applied once there.
 */
export function nationalPortalHandler(deps: NationalPortalDeps): DeliveryHandler {
  return {
    async deliver(delivery: ClaimedDelivery): Promise<DeliveryOutcome> {
      const payload = payloadSchema.safeParse(delivery.payload);
      if (!payload.success) return { ok: false, error: 'message without an event number' };
      const read = await readDossierAtEvent(deps.db, delivery.stream, payload.data.event.seq);
      if (!read.ok) return { ok: false, error: read.error };
      const dossier = read.dossier;

      const synced = await deps.portal.syncDossier({
        messageId: `${delivery.idempotencyKey}:DongBoHoSoMC`,
        isUpdating: !isFirstSync(dossier),
        record: syncRecordOf(dossier),
      });
      const syncFailure = failureOf(synced, 'DongBoHoSoMC');
      if (syncFailure) return syncFailure;

      const event = dossier.events.at(-1);
      if (event && isHandOver(event)) {
        const reported = await deps.portal.reportProgress({
          messageId: `${delivery.idempotencyKey}:CapNhatTienDoHoSoMC`,
          record: progressRecordOf(dossier),
        });
        const progressFailure = failureOf(reported, 'CapNhatTienDoHoSoMC');
        if (progressFailure) return progressFailure;
      }
      return { ok: true, statusCode: 200 };
    },
  };
}

/** What an answer means for the delivery; null when the portal took the message. */
function failureOf(answer: PortalAnswer, service: string): DeliveryOutcome | null {
  switch (answer.kind) {
    case 'accepted':
      return null;
    case 'rate_limited':
      return {
        ok: false,
        statusCode: 429,
        error: `${service}: rate limited`,
        retryAfterMs: answer.retryAfterMs,
      };
    case 'refused':
      return { ok: false, statusCode: 200, error: `${service}: refused ${answer.code} ${answer.message}` };
    case 'unauthorised':
      return { ok: false, statusCode: answer.status, error: `${service}: credentials refused` };
    case 'unavailable':
      return {
        ok: false,
        ...(answer.status === null ? {} : { statusCode: answer.status }),
        error: `${service}: unavailable (${answer.detail})`,
      };
  }
}
