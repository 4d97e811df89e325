import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Config, ConfigError } from '../config.js';
import { type ClamdAddress, clamdScanner, probeClamd } from './scanning/clamd-scanner.js';
import { notScanned, type Scanner } from './scanning/scanner.js';
import type { DocumentServices, UploadLimits } from './services.js';
import { ensureDemoAuthority, issueDemoAgencyKey } from './signing/demo-pki.js';
import { httpTimestampClient } from './signing/http-timestamp-client.js';
import { readPemBundle } from './signing/key-files.js';
import { localKeySigning } from './signing/local-key-signing.js';
import { remoteSigning } from './signing/remote-signing.js';
import type { SigningPort } from './signing/signing-port.js';
import { startTsaServer } from './signing/tsa-server.js';
import * as x509 from './signing/x509.js';
import type { FileStore } from './storage/file-store.js';
import { localFileStore } from './storage/local-file-store.js';

/** Debian's clamav-daemon listens here. */
const DEBIAN_CLAMD_SOCKET = '/var/run/clamav/clamd.ctl';
/** The policy OID the demo time-stamp authority puts in its tokens (a private arc: a demo value). */
const DEMO_TSA_POLICY = '1.3.6.1.4.1.99999.3161.1';

export function uploadLimits(config: Config): UploadLimits {
  return {
    maxBytes: config.UPLOAD_MAX_FILE_BYTES,
    maxPdfPages: config.UPLOAD_MAX_PDF_PAGES,
    maxImagePixels: config.UPLOAD_MAX_IMAGE_PIXELS,
    maxUncompressedBytes: config.UPLOAD_MAX_UNCOMPRESSED_BYTES,
    // A DOCX compresses XML about 5–20 times; hundreds of times is a bomb.
    maxCompressionRatio: 200,
    maxZipEntries: 5_000,
    maxDossierBytes: config.UPLOAD_MAX_DOSSIER_BYTES,
    maxDossierFiles: config.UPLOAD_MAX_DOSSIER_FILES,
  };
}

/** Where the documents module keeps what it makes under the data directory. */
export function documentPaths(config: Config) {
  const signing = path.join(config.dataDir, 'signing');
  return {
    files: path.join(config.dataDir, 'files'),
    signing,
    keys: config.SIGNING_KEYS_DIR ?? path.join(signing, 'agencies'),
    trustedRoots: config.SIGNING_TRUSTED_ROOTS ?? path.join(signing, 'trusted-roots.pem'),
  };
}

/** The demo makes its own CA and keys unless keys are configured (a folder of them, or a remote service). */
function usesDemoPki(config: Config): boolean {
  return config.MOTCUA_DEMO && !config.SIGNING_REMOTE_URL && !config.SIGNING_KEYS_DIR;
}

/** Where the demo seed puts its CA and agencies' keys, when the demo makes them. */
export function demoSigningDir(config: Config): string | undefined {
  return usesDemoPki(config) ? documentPaths(config).signing : undefined;
}

async function fileStore(config: Config, root: string): Promise<{ store: FileStore; close(): void }> {
  if (config.MOTCUA_STORAGE === 'local') return { store: localFileStore(root), close: () => undefined };
  if (!config.S3_BUCKET)
    throw new ConfigError('Cấu hình thiếu / missing configuration: S3_BUCKET (MOTCUA_STORAGE=s3)');
  if (Boolean(config.S3_ACCESS_KEY_ID) !== Boolean(config.S3_SECRET_ACCESS_KEY))
    throw new ConfigError(
      'Cấu hình thiếu / missing configuration: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together',
    );
  // Loaded only when used: the SDK is large and warns about the Node version at import.
  const { s3FileStore } = await import('./storage/s3-file-store.js');
  const store = s3FileStore({
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
    ...(config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
      ? {
          credentials: { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY },
        }
      : {}),
  });
  return { store, close: () => store.close() };
}

async function scanner(config: Config): Promise<Scanner> {
  const configured: ClamdAddress | null = config.CLAMD_SOCKET
    ? { socket: config.CLAMD_SOCKET }
    : config.CLAMD_HOST
      ? { host: config.CLAMD_HOST, port: config.CLAMD_PORT }
      : null;
  const address = configured ?? (existsSync(DEBIAN_CLAMD_SOCKET) ? { socket: DEBIAN_CLAMD_SOCKET } : null);
  if (!address) return notScanned;
  const version = await probeClamd(address);
  if (version) return clamdScanner(address, version, config.CLAMD_TIMEOUT_MS);
  // A scanner that was asked for and does not answer stops the start; one merely guessed at is skipped.
  if (configured)
    throw new ConfigError(
      `ClamAV không trả lời hoặc chưa có cơ sở dữ liệu mã độc / clamd not answering or without definitions: ${config.CLAMD_SOCKET ?? `${config.CLAMD_HOST}:${config.CLAMD_PORT}`}`,
    );
  return notScanned;
}

/** The roots of a PEM bundle; none when the file does not exist (nothing is then trusted). */
export async function readTrustedRoots(file: string): Promise<x509.X509Certificate[]> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return [];
  return [...text.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map(
    (block) => new x509.X509Certificate(block[0]),
  );
}

export interface StartedDocuments {
  services: DocumentServices;
  /** One line each for the start-up report. */
  lines: string[];
  close(): Promise<void>;
}

/**
 * Builds the documents services from the configuration. In demo mode, with the default key folder and no
 * remote signing service, the demo's own CA is made when missing, agencies get a certificate the first time
 * they sign, and a local time-stamp authority stands in when none is configured, so results are B-T.
 */
export async function startDocuments(
  config: Config,
  options: { publicUrl: string },
): Promise<StartedDocuments> {
  const paths = documentPaths(config);
  const lines: string[] = [];
  const closers: (() => Promise<void> | void)[] = [];
  const files = await fileStore(config, paths.files);
  closers.push(files.close);
  const scan = await scanner(config);
  lines.push(`Quét mã độc: ${scan.description}`);

  const pki = usesDemoPki(config) ? await ensureDemoAuthority(paths.signing) : null;
  let signing: SigningPort;
  if (config.SIGNING_REMOTE_URL) {
    if (!config.SIGNING_REMOTE_API_KEY)
      throw new ConfigError(
        'Cấu hình thiếu / missing configuration: SIGNING_REMOTE_API_KEY (SIGNING_REMOTE_URL is set)',
      );
    signing = remoteSigning({
      url: config.SIGNING_REMOTE_URL,
      apiKey: config.SIGNING_REMOTE_API_KEY,
      timeoutMs: config.SIGNING_TIMEOUT_MS,
    });
  } else {
    signing = localKeySigning({
      dir: paths.keys,
      ...(config.SIGNING_P12_PASSWORD ? { p12Password: config.SIGNING_P12_PASSWORD } : {}),
      ...(pki ? { issueMissing: (agency) => issueDemoAgencyKey(pki, agency) } : {}),
    });
  }
  lines.push(`Ký số: ${signing.description}`);

  let timestamp = config.TIMESTAMP_URL
    ? httpTimestampClient(config.TIMESTAMP_URL, {
        timeoutMs: config.TIMESTAMP_TIMEOUT_MS,
        ...(config.TIMESTAMP_POLICY ? { policy: config.TIMESTAMP_POLICY } : {}),
      })
    : null;
  if (!timestamp && pki) {
    const material = await readPemBundle(await readFile(pki.timestamping, 'utf8'));
    const tsa = await startTsaServer({
      holder: { certificate: material.certificate, privateKey: material.privateKey },
      chain: material.chain,
      policy: DEMO_TSA_POLICY,
    });
    closers.push(() => tsa.close());
    timestamp = httpTimestampClient(tsa.url, { timeoutMs: config.TIMESTAMP_TIMEOUT_MS });
    lines.push(`Cấp dấu thời gian (mô phỏng): ${tsa.url}`);
  }
  lines.push(
    timestamp ? 'Chữ ký số: PAdES B-T (có dấu thời gian)' : 'Chữ ký số: PAdES B-B (không có dấu thời gian)',
  );

  return {
    services: {
      files: files.store,
      scanner: scan,
      limits: uploadLimits(config),
      signing,
      timestamp,
      trustedRoots: await readTrustedRoots(paths.trustedRoots),
      publicUrl: options.publicUrl,
    },
    lines,
    async close() {
      for (const close of closers) await close();
    },
  };
}
