import type { ColumnType, Generated, Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { NoticeKind, NotificationChannel, Template, TextChannel } from './model.js';

type NotificationStatus = 'sending' | 'sent' | 'failed';

/** This module's tables (migration 020), typed here rather than in the shared schema: no one else reads them. */
type NotificationTables = {
  notification_templates: {
    kind: string;
    channel: string;
    subject: string | null;
    body: string;
    updated_by: number | null;
    updated_at: ColumnType<Date, Date | undefined, Date>;
  };
  notification_messages: {
    id: Generated<number>;
    delivery_key: string;
    channel: string;
    dossier_code: string;
    kind: string;
    recipient_masked: string;
    status: ColumnType<NotificationStatus, NotificationStatus | undefined, NotificationStatus>;
    attempts: Generated<number>;
    provider_id: string | null;
    last_error: string | null;
    created_at: ColumnType<Date, never, never>;
    sent_at: Date | null;
  };
  notification_preferences: {
    dossier_code: string;
    channels: string[];
    chosen_by: number | null;
    chosen_at: ColumnType<Date, Date | undefined, Date>;
  };
};

const own = (db: Kysely<Database>) => db.withTables<NotificationTables>();

export async function editedTemplate(
  db: Kysely<Database>,
  kind: NoticeKind,
  channel: TextChannel,
): Promise<Template | null> {
  const row = await own(db)
    .selectFrom('notification_templates')
    .select(['subject', 'body'])
    .where('kind', '=', kind)
    .where('channel', '=', channel)
    .executeTakeFirst();
  return row ?? null;
}

export async function saveTemplate(
  db: Kysely<Database>,
  edit: { kind: NoticeKind; channel: TextChannel; subject: string | null; body: string; updatedBy: number },
): Promise<void> {
  const values = {
    subject: edit.subject,
    body: edit.body,
    updated_by: edit.updatedBy,
    updated_at: new Date(),
  };
  await own(db)
    .insertInto('notification_templates')
    .values({ kind: edit.kind, channel: edit.channel, ...values })
    .onConflict((oc) => oc.columns(['kind', 'channel']).doUpdateSet(values))
    .execute();
}

/** Back to the shipped wording. */
export async function dropTemplate(
  db: Kysely<Database>,
  kind: NoticeKind,
  channel: TextChannel,
): Promise<void> {
  await own(db)
    .deleteFrom('notification_templates')
    .where('kind', '=', kind)
    .where('channel', '=', channel)
    .execute();
}

/**
 * Opens (or reopens, on a retry) the record of one notice through one channel and says where it stands:
 * a notice already `sent` must not be sent again.
 */
export async function claimNotice(
  db: Kysely<Database>,
  notice: {
    deliveryKey: string;
    channel: NotificationChannel;
    /** The dossier's or the feedback item's code (the column predates feedback notices). */
    code: string;
    kind: NoticeKind;
    recipientMasked: string;
  },
): Promise<{ id: number; status: NotificationStatus }> {
  return own(db)
    .insertInto('notification_messages')
    .values({
      delivery_key: notice.deliveryKey,
      channel: notice.channel,
      dossier_code: notice.code,
      kind: notice.kind,
      recipient_masked: notice.recipientMasked,
    })
    .onConflict((oc) =>
      oc.columns(['delivery_key', 'channel']).doUpdateSet({
        attempts: sql<number>`notification_messages.attempts + 1`,
        // A notice already sent stays sent: the retry only counts.
        status: sql<NotificationStatus>`CASE WHEN notification_messages.status = 'sent' THEN 'sent' ELSE 'sending' END`,
      }),
    )
    .returning(['id', 'status'])
    .executeTakeFirstOrThrow();
}

export async function markSent(db: Kysely<Database>, id: number, providerId: string | null): Promise<void> {
  await own(db)
    .updateTable('notification_messages')
    .set({ status: 'sent', provider_id: providerId, sent_at: new Date(), last_error: null })
    .where('id', '=', id)
    .execute();
}

export async function markFailed(db: Kysely<Database>, id: number, error: string): Promise<void> {
  await own(db)
    .updateTable('notification_messages')
    .set({ status: 'failed', last_error: error.slice(0, 2000) })
    .where('id', '=', id)
    .execute();
}

/** The notices of one dossier, oldest first (operators, and the applicant's page later). */
export async function noticesOf(db: Kysely<Database>, dossierCode: string) {
  return own(db)
    .selectFrom('notification_messages')
    .select([
      'id',
      'delivery_key',
      'channel',
      'kind',
      'recipient_masked',
      'status',
      'attempts',
      'last_error',
      'sent_at',
    ])
    .where('dossier_code', '=', dossierCode)
    .orderBy('id')
    .execute();
}

/** The channels the applicant chose for a dossier's notices, or null when they left it to the default. */
export async function chosenChannels(
  db: Kysely<Database>,
  dossierCode: string,
): Promise<NotificationChannel[] | null> {
  const row = await own(db)
    .selectFrom('notification_preferences')
    .select('channels')
    .where('dossier_code', '=', dossierCode)
    .executeTakeFirst();
  return row ? (row.channels as NotificationChannel[]) : null;
}

export async function saveChosenChannels(
  db: Kysely<Database>,
  choice: { dossierCode: string; channels: NotificationChannel[]; chosenBy: number },
): Promise<void> {
  const values = { channels: choice.channels, chosen_by: choice.chosenBy, chosen_at: new Date() };
  await own(db)
    .insertInto('notification_preferences')
    .values({ dossier_code: choice.dossierCode, ...values })
    .onConflict((oc) => oc.column('dossier_code').doUpdateSet(values))
    .execute();
}

/** Every template an administrator edited, with who and when. */
export async function editedTemplates(db: Kysely<Database>) {
  return own(db)
    .selectFrom('notification_templates')
    .select(['kind', 'channel', 'subject', 'body', 'updated_by', 'updated_at'])
    .execute();
}
