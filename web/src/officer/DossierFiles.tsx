import { type Page as ApiPage, api } from '../api';
import { Failure, Loading } from '../components/Page';
import { useLoad } from '../components/use-load';
import { dossierPath } from '../dossier-load';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';

interface DossierFile {
  id: number;
  role: 'document' | 'scan' | 'scan_seal' | 'result' | 'signed_result';
  documentName: string | null;
  name: string;
  pages: number | null;
  origin: 'upload' | 'wallet' | 'registry' | 'paper' | 'issued';
  walletItem: { dossierCode: string; agencyName: string } | null;
  scan: 'clean' | 'not_scanned';
  signatures: { signer: string | null; valid: boolean; trusted: boolean; problems: string[] }[];
}

/**
 * The dossier's files as the officer checks them: where each came from, whether it was scanned for viruses,
 * and what the verification of a signature found when it was received.
 */
export function DossierFiles({ code, version }: { code: string; version: number }) {
  const { t } = useI18n();
  const path = dossierPath(code);
  const { data, error, reload } = useLoad(
    (signal) => api<ApiPage<DossierFile>>(`${path}/files`, { signal }),
    [path, version],
  );
  if (error) return <Failure error={error} retry={reload} />;
  if (!data) return <Loading />;
  return (
    <section aria-labelledby="files-heading" className="card">
      <h2 id="files-heading">{t('files.title')}</h2>
      {data.items.length === 0 ? <p>{t('files.none')}</p> : null}
      <ul>
        {data.items.map((f) => (
          <li key={f.id}>
            <a href={`${path}/files/${f.id}`} download={f.name}>
              {f.documentName ? `${f.documentName}: ` : ''}
              {f.name}
            </a>{' '}
            ({t(`fileRole.${f.role}` as MessageKey)}; {t(`origin.${f.origin}` as MessageKey)}
            {f.pages ? `; ${t('apply.pages', { n: String(f.pages) })}` : ''}
            {f.role === 'document' && f.origin !== 'wallet'
              ? `; ${f.scan === 'clean' ? t('files.clean') : t('files.notScanned')}`
              : ''}
            )
            {f.walletItem
              ? ` — ${t('files.fromDossier', { code: f.walletItem.dossierCode, agency: f.walletItem.agencyName })}`
              : ''}
            {f.signatures.map((s) => (
              <span
                key={`${s.signer}-${s.problems.join()}`}
                className={`tag ${s.valid ? 'tag-processed' : 'tag-overdue'}`}
              >
                {s.valid
                  ? t('files.signatureValid', { signer: s.signer ?? '—' })
                  : t('files.signatureInvalid', { signer: s.signer ?? '—' })}
              </span>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
