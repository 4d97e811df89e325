import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { formatInstant } from '../format';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { Checkbox } from './fields';
import { Failure } from './Page';
import { useLoad } from './use-load';

type Channel = 'email' | 'sms' | 'zalo';
const CHANNELS: Channel[] = ['email', 'sms', 'zalo'];

interface Notices {
  items: {
    id: number;
    kind: string;
    channel: Channel;
    recipient: string;
    status: 'sending' | 'sent' | 'failed';
    sentAt: string | null;
  }[];
  channels: Channel[] | null;
}

/**
 * The notices sent to the applicant about a dossier, with how each went (the recipient masked); the
 * applicant may also choose the channels of the next ones.
 */
export function DossierNotices({ code, canChoose }: { code: string; canChoose: boolean }) {
  const { t } = useI18n();
  const { data, error, reload } = useLoad(
    (signal) => api<Notices>(`/api/dossiers/${encodeURIComponent(code)}/notices`, { signal }),
    [code],
  );
  return (
    <section aria-labelledby="notices-heading">
      <h2 id="notices-heading">{t('notices.title')}</h2>
      {error ? <Failure error={error} retry={reload} /> : null}
      {data && data.items.length === 0 ? <p>{t('notices.none')}</p> : null}
      {data && data.items.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('notices.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('notices.kind')}</th>
                <th scope="col">{t('notices.channel')}</th>
                <th scope="col">{t('notices.recipient')}</th>
                <th scope="col">{t('notices.status')}</th>
                <th scope="col">{t('notices.sentAt')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((notice) => (
                <tr key={notice.id}>
                  <td>{t(`notice.${notice.kind}` as MessageKey)}</td>
                  <td>{t(`channel.${notice.channel}` as MessageKey)}</td>
                  <td>{notice.recipient}</td>
                  <td>{t(`noticeStatus.${notice.status}` as MessageKey)}</td>
                  <td>{formatInstant(notice.sentAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {canChoose && data ? <ChannelChoice code={code} chosen={data.channels} onSaved={reload} /> : null}
    </section>
  );
}

function ChannelChoice({
  code,
  chosen,
  onSaved,
}: {
  code: string;
  chosen: Channel[] | null;
  onSaved(): void;
}) {
  const { t } = useI18n();
  const [channels, setChannels] = useState<Channel[]>(chosen ?? []);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (channels.length === 0) {
      setMessage({ text: t('notices.chooseOne'), ok: false });
      return;
    }
    try {
      await api(`/api/dossiers/${encodeURIComponent(code)}/notification-channels`, {
        method: 'PUT',
        body: { channels },
      });
      setMessage({ text: t('notices.saved'), ok: true });
      onSaved();
    } catch (failure) {
      setMessage({ text: (failure as Error).message, ok: false });
    }
  };
  return (
    <form onSubmit={save} noValidate>
      <fieldset className="group">
        <legend>{t('notices.choose')}</legend>
        <p className="hint">{t('notices.chooseHint')}</p>
        {CHANNELS.map((channel) => (
          <Checkbox
            key={channel}
            id={`notify-${channel}`}
            label={t(`channel.${channel}` as MessageKey)}
            checked={channels.includes(channel)}
            onChange={(on) =>
              setChannels((current) => (on ? [...current, channel] : current.filter((c) => c !== channel)))
            }
          />
        ))}
        <button type="submit" className="button-secondary">
          {t('notices.save')}
        </button>
      </fieldset>
      <div role="status">
        {message ? (
          <p className={`notice ${message.ok ? 'notice-success' : 'notice-error'}`}>{message.text}</p>
        ) : null}
      </div>
    </form>
  );
}
