import { formatInstant } from '../format';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import type { FeedbackItem } from './feedback-types';

const CLASS: Record<FeedbackItem['urgency'], string> = {
  overdue: 'overdue',
  due_soon: 'today',
  on_track: 'later',
  waiting: 'none',
};

/** Where a feedback item stands against its current deadline, in words and colour. */
export function UrgencyTag({ item }: { item: FeedbackItem }) {
  const { t } = useI18n();
  return (
    <span className={`due due-${CLASS[item.urgency]}`}>
      <span className="due-label">{t(`fb.urgency.${item.urgency}` as MessageKey)}</span>
      {item.dueAt ? <span className="due-at"> · {formatInstant(item.dueAt)}</span> : null}
      {item.progressOwed ? <span className="step-name">{t('fb.progressOwed')}</span> : null}
    </span>
  );
}
