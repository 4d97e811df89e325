import { Link } from 'wouter';
import { api } from '../api';
import { useTimeLimitText } from '../components/dossier-bits';
import { Failure, Loading, Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { formatDate, formatVnd } from '../format';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import type { Fee, ProcedureDetail, RequiredDocument } from '../types';

const WHERE: Record<string, string> = {
  commune: 'Ủy ban nhân dân xã, phường',
  province: 'cơ quan cấp thành phố',
  ministry: 'cơ quan trung ương',
  other: 'cơ quan có thẩm quyền',
};

/** A fee as published: the amount in đồng where it was read for sure, else the published text. */
function FeeText({ fee }: { fee: Fee }) {
  const { t } = useI18n();
  const amount =
    fee.amount === null
      ? (fee.shown ?? t('proc.feeUnread'))
      : fee.amount === 0
        ? t('proc.free')
        : fee.currency === 'USD'
          ? `${fee.amount} USD`
          : formatVnd(fee.amount);
  return (
    <>
      {fee.label ? `${fee.label}: ` : ''}
      {amount}
      {fee.description && fee.amount !== 0 ? ` — ${fee.description}` : ''}
    </>
  );
}

/** Copies as the published table counts them, else the form and the number of pieces. */
function Copies({ document }: { document: RequiredDocument }) {
  const { t } = useI18n();
  if (document.quantity) return <>{t('proc.quantity', document.quantity)}</>;
  return (
    <>
      {t(`form.${document.form}` as MessageKey)}
      {document.copies > 0 ? ` × ${document.copies}` : ''}
    </>
  );
}

function Templates({ document }: { document: RequiredDocument }) {
  const { t } = useI18n();
  if (document.templates.length === 0) return <>{document.template ?? '—'}</>;
  return (
    <ul className="plain-list">
      {document.templates.map((template) => (
        <li key={template.fileName}>
          {template.fileId ? (
            <a href={`/api/procedure-files/${template.fileId}`} download>
              {t('proc.download', { name: template.fileName })}
            </a>
          ) : (
            t('proc.templateMissing', { name: template.fileName })
          )}
        </li>
      ))}
    </ul>
  );
}

/** Several lines of published text, kept as lines. */
function Lines({ text }: { text: string | null }) {
  if (!text) return <p>—</p>;
  return (
    <>
      {text.split('\n').map((line, index) => (
        // Lines of one published text: their order is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: static text split into lines
        <p key={index}>{line}</p>
      ))}
    </>
  );
}

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

      {data.onlineLevel !== 'full' && data.onlineReason ? (
        <div className="notice">
          <h2>{t('proc.onlineReason')}</h2>
          <p>
            {t(`reason.${data.onlineReason.code}` as MessageKey)}: {data.onlineReason.text}
          </p>
        </div>
      ) : null}

      <h2>{t('proc.applicants')}</h2>
      {data.applicants.kinds.length > 0 ? (
        <ul>
          {data.applicants.kinds.map((kind) => (
            <li key={kind}>{t(`applicant.${kind}` as MessageKey)}</li>
          ))}
        </ul>
      ) : (
        <p>{data.applicants.text ?? t('proc.whoText', { where })}</p>
      )}

      <h2>{t('proc.docs')}</h2>
      {data.documents.length === 0 ? (
        <p>{t('proc.noDocs')}</p>
      ) : (
        // A wide table scrolls sideways on a phone: the region takes focus so that keyboards can scroll it.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <section className="table-wrap" tabIndex={0} aria-label={t('proc.docs')}>
          <table>
            <caption className="visually-hidden">{t('proc.docs')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('proc.docName')}</th>
                <th scope="col">{t('proc.docCopies')}</th>
                <th scope="col">{t('proc.docCase')}</th>
                <th scope="col">{t('proc.docTemplate')}</th>
              </tr>
            </thead>
            <tbody>
              {data.documents.map((d, index) => (
                // Two rows may share a name (one per case): the position tells them apart.
                // biome-ignore lint/suspicious/noArrayIndexKey: the list is the published order
                <tr key={index}>
                  <td>{d.name}</td>
                  <td>
                    <Copies document={d} />
                  </td>
                  <td>{d.condition ?? t('proc.docAlways')}</td>
                  <td>
                    <Templates document={d} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {data.documentNotes.length > 0 ? (
        <>
          <h3>{t('proc.docNotes')}</h3>
          <ul>
            {data.documentNotes.map((note, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the notes in their published order; two may read alike
              <li key={index}>{note}</li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{t('proc.fees')}</h2>
      <ul>
        {data.fees.length === 0 ? <li>{t('proc.free')}</li> : null}
        {data.fees.map((f) => (
          <li key={`${f.amount}-${f.description}`}>
            <FeeText fee={f} />
          </li>
        ))}
      </ul>

      {data.channelDetails.length === 0 ? null : (
        <>
          <h2>{t('proc.channels')}</h2>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
          <section className="table-wrap" tabIndex={0} aria-label={t('proc.channels')}>
            <table>
              <caption className="visually-hidden">{t('proc.channels')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('proc.channel')}</th>
                  <th scope="col">{t('proc.time')}</th>
                  <th scope="col">{t('proc.fees')}</th>
                </tr>
              </thead>
              <tbody>
                {data.channelDetails.map((c, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: one row per published case of a channel
                  <tr key={index}>
                    <td>{t(`channel.${c.channel}` as MessageKey)}</td>
                    <td>
                      {timeText(c.timeLimit)}
                      {c.timeLimit.note ? ` (${c.timeLimit.note})` : ''}
                    </td>
                    <td>
                      {c.fees.length === 0
                        ? t('proc.free')
                        : c.fees.map((f, i) => (
                            // biome-ignore lint/suspicious/noArrayIndexKey: fees of one row in published order
                            <p key={i}>
                              <FeeText fee={f} />
                            </p>
                          ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}

      <h2>{t('proc.conditions')}</h2>
      <Lines text={data.conditions} />

      <h2>{t('proc.results')}</h2>
      {data.results.length > 0 ? (
        <ul>
          {data.results.map((r) => (
            <li key={`${r.code}-${r.name}`}>
              {r.name}
              {r.code ? ` (${r.code})` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>{data.resultType ?? t('proc.resultUnknown')}</p>
      )}

      <h2>{t('proc.where')}</h2>
      <ul>
        {data.channels.map((c) => (
          <li key={c}>{t(`channel.${c}` as MessageKey)}</li>
        ))}
      </ul>
      {data.whereToFile ? <p>{data.whereToFile}</p> : <p>{t('proc.whoText', { where })}</p>}

      {data.steps ? (
        <>
          <h2>{t('proc.steps')}</h2>
          <Lines text={data.steps} />
        </>
      ) : null}

      <h2>{t('proc.legal')}</h2>
      {data.legalDocuments.length > 0 ? (
        <ul>
          {data.legalDocuments.map((law) => (
            <li key={`${law.number}-${law.title}`}>{[law.number, law.title].filter(Boolean).join(' ')}</li>
          ))}
        </ul>
      ) : (
        <p>{data.legalBasis ?? '—'}</p>
      )}

      {data.relatedProcedures.length > 0 ? (
        <>
          <h2>{t('proc.related')}</h2>
          <ul>
            {data.relatedProcedures.map((related) => (
              <li key={related}>
                <Link href={`/thu-tuc/${encodeURIComponent(related)}`}>{related}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {data.groups && data.groups.length > 0 ? (
        <>
          <h2>{t('proc.groups')}</h2>
          <ul>
            {data.groups.map((group) => (
              <li key={group.code}>{t('proc.groupPlace', group)}</li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{t('proc.guidance')}</h2>
      {data.guidance.videoUrl ? (
        <p>
          <a href={data.guidance.videoUrl} rel="noopener noreferrer">
            {t('proc.video')}
          </a>
        </p>
      ) : null}
      <h3>{t('proc.sample')}</h3>
      {data.guidance.samples.length > 0 ? (
        <ul>
          {data.guidance.samples.map((sample) => (
            <li key={sample.fileId}>
              <a href={`/api/procedure-files/${sample.fileId}`} download>
                {sample.title}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p>{template ? t('proc.sampleText', { template }) : t('proc.sampleNone')}</p>
      )}
      {data.guidance.faqs.length > 0 ? (
        <>
          <h3>{t('proc.faq')}</h3>
          <dl>
            {data.guidance.faqs.map((faq) => (
              <div key={faq.question}>
                <dt>{faq.question}</dt>
                <dd>{faq.answer}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}

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
