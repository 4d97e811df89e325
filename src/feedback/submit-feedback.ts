import type { Actor } from '../auth/roles.js';
import { agencyBrief } from '../catalog/agency-store.js';
import { inTransaction } from '../db/transaction.js';
import { invalid } from '../shared/errors.js';
import { newAccessKey } from './access-key.js';
import { classificationDues } from './deadlines.js';
import { decideFeedback } from './decide.js';
import type { FeedbackDeps } from './deps.js';
import type { FeedbackChannel, Submission } from './model.js';
import { appendToFeedback, openFeedback } from './record-feedback-event.js';
import { foldFeedbackEvents } from './state.js';
import { loadFeedbackEvents, readFeedbackSettings } from './store.js';

/** How far back an officer may date feedback that arrived on paper (it was entered late, not invented). */
const MAX_BACKDATE_MS = 30 * 86_400_000;

export interface FeedbackSubmission {
  submission: Submission;
  channel: FeedbackChannel;
  actor: Actor | null;
  /** When it reached us, if earlier than now (paper, phone, e-mail entered afterwards). */
  receivedAt?: number;
  open311ClientId?: number;
}

/**
 * Receives feedback from any channel. Anyone may send it, anonymously or with a contact; an officer entering
 * it from paper, phone or e-mail logs it in the same step. The submitter gets a key, once, to follow it.
 */
export async function submitFeedback(deps: FeedbackDeps, input: FeedbackSubmission) {
  const now = deps.now();
  const receivedAt = input.receivedAt ?? now;
  if (receivedAt > now || receivedAt < now - MAX_BACKDATE_MS)
    throw invalid(
      [{ field: 'body.receivedAt', message: 'Thời điểm nhận phải trong 30 ngày qua, không ở tương lai' }],
      'Thời điểm nhận phản ánh, kiến nghị không hợp lệ.',
    );
  const { submission } = input;
  if (submission.agencyConcerned && !(await agencyBrief(deps.db, submission.agencyConcerned)))
    throw invalid(
      [{ field: 'body.agencyConcerned', message: 'Không có cơ quan với mã này' }],
      `Không tìm thấy cơ quan có mã ${submission.agencyConcerned}.`,
    );
  const submitter =
    submission.submitter && Object.values(submission.submitter).some((v) => v !== undefined)
      ? submission.submitter
      : null;
  const key = newAccessKey();
  const clock = await deps.clocks.clock();
  const settings = await readFeedbackSettings(deps.db);
  const actor = input.actor;
  const header = {
    at: now,
    actorId: actor?.id ?? null,
    actorRole: actor?.role ?? null,
    actorAgency: actor?.agencyCode ?? null,
    fromStatus: null,
    note: null,
  };
  const row = await inTransaction(deps.db, async (trx) => {
    const opened = await openFeedback(
      trx,
      {
        subject: submission.subject,
        channel: input.channel,
        title: submission.title,
        content: submission.content,
        submitter,
        ownerId: actor?.role === 'citizen' ? actor.id : null,
        accessKeyHash: key.hash,
        procedureCode: submission.procedureCode ?? null,
        dossierCode: submission.dossierCode ?? null,
        agencyConcerned: submission.agencyConcerned ?? null,
        location: submission.location ?? null,
        mediaUrl: submission.mediaUrl ?? null,
        open311ClientId: input.open311ClientId ?? null,
      },
      {
        ...header,
        toStatus: 'received',
        action: 'receive',
        payload: {
          channel: input.channel,
          subject: submission.subject,
          receivedAt,
          ...classificationDues(clock, settings, receivedAt),
        },
      },
    );
    if (!actor || actor.role === 'citizen') return opened;
    // An officer entering it from paper, phone or e-mail records it in the register at the same time.
    const events = await loadFeedbackEvents(trx, opened.id);
    const logged = decideFeedback(
      foldFeedbackEvents(events),
      { action: 'log', version: opened.version },
      {
        now,
        actor: { id: actor.id, role: actor.role, agencyCode: actor.agencyCode },
        clock,
        settings,
        classificationStartedAt: receivedAt,
        lastProgressAt: null,
        personalPhrases: [],
      },
    );
    return appendToFeedback(trx, opened, events, logged);
  });
  return { row, accessKey: key.key };
}
