import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/roles.js';
import type { Database } from '../../db/schema.js';
import { readableDossier } from '../../dossiers/act.js';
import { applicantSchema } from '../../dossiers/model.js';
import { AppError, invalid } from '../../shared/errors.js';
import type { NotificationChannel } from './model.js';
import { CHANNEL_CHOOSERS } from './policy.js';
import { saveChosenChannels } from './store.js';

/**
 * Records the channels the applicant wants a dossier's notices on, from the next notice. E-mail needs an
 * address on the dossier; SMS and Zalo go to its phone number. The dossier is read through the dossiers
 * module, which refuses one the caller may not see (404).
 */
export async function chooseNotificationChannels(
  db: Kysely<Database>,
  actor: Actor,
  input: { code: string; channels: NotificationChannel[] },
): Promise<NotificationChannel[]> {
  if (!CHANNEL_CHOOSERS.includes(actor.role))
    throw new AppError('FORBIDDEN', 'Chỉ người nộp hoặc cán bộ tiếp nhận được chọn kênh nhận thông báo.');
  const row = await readableDossier(db, actor, input.code);
  const applicant = applicantSchema.safeParse(row.applicant);
  const channels = [...new Set(input.channels)];
  if (channels.includes('email') && !(applicant.success && applicant.data.email))
    throw invalid(
      [{ field: 'body.channels', message: 'Hồ sơ chưa có địa chỉ thư điện tử' }],
      'Không thể nhận thông báo qua thư điện tử: hồ sơ chưa có địa chỉ thư điện tử.',
    );
  await saveChosenChannels(db, { dossierCode: row.code, channels, chosenBy: actor.id });
  return channels;
}
