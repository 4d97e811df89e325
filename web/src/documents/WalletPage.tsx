import { RequireLogin } from '../account/RequireLogin';
import { api, type Page as Listed } from '../api';
import { Failure, Loading, Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { formatDate, formatInstant } from '../format';
import { useI18n } from '../i18n';
import type { WalletItem } from '../types';

/** The citizen's data wallet: accepted documents and results, each with where it came from, to reuse. */
export default function WalletPage() {
  return (
    <RequireLogin roles={['citizen']}>
      <Wallet />
    </RequireLogin>
  );
}

function Wallet() {
  const { t } = useI18n();
  const { data, error, reload } = useLoad(
    (signal) => api<Listed<WalletItem>>('/api/me/wallet', { signal }),
    [],
  );
  if (error) return <Failure error={error} retry={reload} />;
  if (!data) return <Loading />;
  return (
    <Page title={t('wallet.title')} lead={t('wallet.lead')}>
      {data.items.length === 0 ? <p>{t('wallet.empty')}</p> : null}
      <ul className="card-list">
        {data.items.map((item) => (
          <li key={item.id} className="card">
            <h2>{item.title}</h2>
            <dl className="summary-list">
              <div>
                <dt>{t('wallet.kind')}</dt>
                <dd>{item.kind === 'result' ? t('wallet.kindResult') : t('wallet.kindDocument')}</dd>
              </div>
              <div>
                <dt>{t('wallet.dossier')}</dt>
                <dd>{item.provenance.dossierCode}</dd>
              </div>
              <div>
                <dt>{t('wallet.agency')}</dt>
                <dd>{item.provenance.agencyName}</dd>
              </div>
              <div>
                <dt>{t('wallet.issuedAt')}</dt>
                <dd>{formatInstant(item.provenance.issuedAt)}</dd>
              </div>
              <div>
                <dt>{t('wallet.signedBy')}</dt>
                <dd>{item.provenance.signedBy ?? t('wallet.unsigned')}</dd>
              </div>
              <div>
                <dt>{t('wallet.validUntil')}</dt>
                <dd>
                  {item.provenance.validUntil ? formatDate(item.provenance.validUntil) : t('wallet.noExpiry')}
                </dd>
              </div>
              <div>
                <dt>{t('wallet.uses')}</dt>
                <dd>{item.uses}</dd>
              </div>
            </dl>
            <a href={`/api/wallet/${item.id}/file`} download={item.fileName}>
              {t('wallet.download', { name: item.fileName })}
            </a>
          </li>
        ))}
      </ul>
    </Page>
  );
}
