import { Link } from 'wouter';
import { api } from '../api';
import { useTimeLimitText } from '../components/dossier-bits';
import { Failure, Loading, Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { formatDate, formatVnd } from '../format';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import type { ProcedureDetail } from '../types';

const WHERE: Record<string, string> = {
  commune: 'Ủy ban nhân dân xã, phường',
  province: 'cơ quan cấp thành phố',
  ministry: 'cơ quan trung ương',
  other: 'cơ quan có thẩm quyền',
};

/** What a citizen needs to know before applying, in the order they ask it. */
export function ProcedurePage({ code }: { code: string }) {
  const { t } = useI18n();
  const timeText = useTimeLimitText();
  const { data, error, reload } = useLoad(
    (signal) => api<ProcedureDetail>(`/api/procedures/${encodeURIComponent(code)}`, { signal }),
    [code],
  );
  if (error)
    return (
      <Page title={t('proc.notFound')}>
        <Failure error={error} retry={reload} />
      </Page>
    );
  if (!data) return <Loading />;
  const template = data.documents.find((d) => d.template)?.template;
  const where = data.competentAgency ?? data.level.map((l) => WHERE[l] ?? l).join(', ');
  const online = data.channels.includes('online');
  return (
    <Page title={data.name}>
      <dl className="summary-list">
        <div>
          <dt>{t('proc.code')}</dt>
          <dd>{data.code}</dd>
        </div>
        <div>
          <dt>{t('proc.field')}</dt>
          <dd>{data.field}</dd>
        </div>
        <div>
          <dt>{t('proc.time')}</dt>
          <dd>{timeText(data.timeLimit)}</dd>
        </div>
        <div>
          <dt>{t('proc.online')}</dt>
          <dd>{t(`online.${data.onlineLevel}`)}</dd>
        </div>
      </dl>
      {online ? (
        <p>
          <Link href={`/thu-tuc/${encodeURIComponent(data.code)}/nop`} className="button button-start">
            {t('proc.apply')}
          </Link>
        </p>
      ) : (
        <p className="notice">{t('proc.notOnline')}</p>
      )}

      <h2>{t('proc.purpose')}</h2>
      <p>
        {t('proc.purposeText', {
          name: data.name,
          field: data.field,
          ministry: data.ministry ?? '—',
          result: data.resultType ?? t('proc.resultUnknown'),
        })}
      </p>

      <h2>{t('proc.who')}</h2>
      <p>{t('proc.whoText', { where })}</p>

      <h2>{t('proc.docs')}</h2>
      {data.documents.length === 0 ? (
        <p>{t('proc.noDocs')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('proc.docs')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('proc.docName')}</th>
                <th scope="col">{t('proc.docForm')}</th>
                <th scope="col">{t('proc.docCopies')}</th>
              </tr>
            </thead>
            <tbody>
              {data.documents.map((d) => (
                <tr key={d.name}>
                  <td>{d.name}</td>
                  <td>{t(`form.${d.form}` as MessageKey)}</td>
                  <td>{d.copies}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t('proc.fees')}</h2>
      <ul>
        {data.fees.length === 0 ? <li>{t('proc.free')}</li> : null}
        {data.fees.map((f) => (
          <li key={`${f.amount}-${f.description}`}>
            {f.amount === null || f.amount === 0 ? t('proc.free') : formatVnd(f.amount)}
            {f.description && f.amount !== 0 ? ` — ${f.description}` : ''}
          </li>
        ))}
      </ul>

      <h2>{t('proc.where')}</h2>
      <ul>
        {data.channels.map((c) => (
          <li key={c}>{t(`channel.${c}` as MessageKey)}</li>
        ))}
      </ul>

      <h2>{t('proc.legal')}</h2>
      <p>{data.legalBasis ?? '—'}</p>

      <h2>{t('proc.sample')}</h2>
      <p>{template ? t('proc.sampleText', { template }) : t('proc.sampleNone')}</p>

      {data.publications.length > 0 ? (
        <>
          <h2>{t('proc.decisions')}</h2>
          <ul>
            {data.publications.map((p) => (
              <li key={`${p.decisionNumber}-${p.kind}`}>
                {p.decisionNumber} ({formatDate(p.decisionDate)}) → {formatDate(p.effectiveDate)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Page>
  );
}
