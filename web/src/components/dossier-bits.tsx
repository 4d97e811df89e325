import { dueClass, formatInstant } from '../format';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import type { TimeLimit } from '../types';

export function StatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return <span className={`tag tag-${status}`}>{t(`status.${status}` as MessageKey)}</span>;
}

/** The step's due instant, coloured and named (colour is never the only signal). */
export function DueTag({ dueAt }: { dueAt: string | null }) {
  const { t } = useI18n();
  const kind = dueClass(dueAt);
  return (
    <span className={`due due-${kind}`}>
      <span className="due-label">{t(`due.${kind}`)}</span>
      {dueAt ? <span className="due-at"> · {formatInstant(dueAt)}</span> : null}
    </span>
  );
}

export function useTimeLimitText() {
  const { t } = useI18n();
  return (limit: TimeLimit) => {
    const n = limit.value === null ? '' : String(limit.value).replace('.', ',');
    // The "15:00" rule: same day when filed before the cut-off, the next working day after it.
    if (limit.unit === 'same_day' && limit.cutoff) return t('unit.cutoff', { time: limit.cutoff });
    return t(`unit.${limit.unit}` as MessageKey, { n });
  };
}

/** One line per event, in plain language, oldest first. */
export function Timeline({
  items,
}: {
  items: { key: string; action: string; at: string | null; detail?: string | null }[];
}) {
  const { t } = useI18n();
  return (
    <ol className="timeline">
      {items.map((item) => (
        <li key={item.key}>
          <span className="timeline-when">{formatInstant(item.at)}</span>
          <span className="timeline-what">{t(`event.${item.action}` as MessageKey)}</span>
          {item.detail ? <span className="timeline-detail">{item.detail}</span> : null}
        </li>
      ))}
    </ol>
  );
}
