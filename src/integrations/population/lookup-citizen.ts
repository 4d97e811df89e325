import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/roles.js';
import { formatVnInstant } from '../../calendar/dates.js';
import type { Database } from '../../db/schema.js';
import { AppError, invalid } from '../../shared/errors.js';
import { type LookupInput, type LookupResult, lookupInputSchema } from './model.js';
import { canLookUpCitizens } from './policy.js';
import type { PopulationRegistry } from './port.js';
import { logLookup } from './store.js';

export interface PopulationDeps {
  db: Kysely<Database>;
  /** Null when no registry is configured: every lookup is then "unavailable" and forms are filled by hand. */
  registry: PopulationRegistry | null;
  now?: () => number;
}

const BY_HAND = 'Vui lòng nhập thông tin thủ công.';

/**
 * Looks a person up in the population database to pre-fill or check a form. Without the person's consent
 * nothing is asked. Every lookup is logged with its purpose, time, request id, caller and outcome, and
 * never with the identity number or the answer. Refusals and outages come back as results with a message
 * for the form, which stays usable by hand.
 */
export async function lookupCitizen(
  deps: PopulationDeps,
  request: {
    idNumber: string;
    purpose: LookupInput['purpose'];
    consent: LookupInput['consent'];
    actor: Actor;
  },
): Promise<LookupResult> {
  if (!canLookUpCitizens(request.actor))
    throw new AppError('FORBIDDEN', 'Tài khoản này không được khai thác Cơ sở dữ liệu quốc gia về dân cư.');
  const parsed = lookupInputSchema.safeParse(request);
  if (!parsed.success)
    throw invalid(
      parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
    );
  const input = parsed.data;
  const now = deps.now ?? Date.now;
  const requestId = randomUUID();
  const started = now();

  let result: LookupResult;
  if (!input.consent.given) {
    result = {
      kind: 'refused',
      requestId,
      reason: 'consent_required',
      message: `Cần sự đồng ý của người dân trước khi khai thác thông tin từ Cơ sở dữ liệu quốc gia về dân cư. ${BY_HAND}`,
    };
  } else if (!deps.registry) {
    result = unavailable(requestId, 'down');
  } else {
    const answer = await deps.registry.lookup({
      idNumber: input.idNumber,
      purpose: input.purpose,
      requestId,
      consent: true,
    });
    switch (answer.kind) {
      case 'found':
        result = {
          kind: 'found',
          requestId,
          citizen: answer.citizen,
          answeredAt: formatVnInstant(now()),
        };
        break;
      case 'not_found':
        result = {
          kind: 'not_found',
          requestId,
          message: `Không tìm thấy số định danh này trong Cơ sở dữ liệu quốc gia về dân cư. ${BY_HAND}`,
        };
        break;
      case 'refused':
        result = {
          kind: 'refused',
          requestId,
          reason: answer.detail === 'consent_required' ? 'consent_required' : 'not_permitted',
          message: `Cơ sở dữ liệu quốc gia về dân cư từ chối yêu cầu khai thác. ${BY_HAND}`,
        };
        break;
      case 'rate_limited':
        result = unavailable(requestId, 'rate_limited');
        break;
      case 'unavailable':
        result = unavailable(requestId, answer.reason);
        break;
    }
  }
  await logLookup(deps.db, {
    requestId,
    purpose: input.purpose,
    actorId: request.actor.id,
    outcome: 'reason' in result ? `${result.kind}:${result.reason}` : result.kind,
    durationMs: Math.max(0, Math.round(now() - started)),
    at: new Date(started),
  });
  return result;
}

function unavailable(requestId: string, reason: 'timeout' | 'down' | 'rate_limited'): LookupResult {
  return {
    kind: 'unavailable',
    requestId,
    reason,
    message: `Chưa kết nối được Cơ sở dữ liệu quốc gia về dân cư. ${BY_HAND}`,
  };
}
