import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readPemBundle } from './key-files.js';
import { createRootAuthority, exportPem, issueCertificate, type KeyHolder } from './local-ca.js';
import type { SigningAgency } from './signing-port.js';

/**
 * The demo's own certificate authority, made the first time the demo starts and kept under the data
 * directory (never in the repository): the root (`ca.pem`, its key included — a demo CA only), the bundle of
 * trusted roots the verifier reads, a time-stamping certificate and one signing certificate per agency.
 */
export interface DemoPkiPaths {
  dir: string;
  authority: string;
  trustedRoots: string;
  timestamping: string;
  agencies: string;
}

export function demoPkiPaths(dir: string): DemoPkiPaths {
  return {
    dir,
    authority: path.join(dir, 'ca.pem'),
    trustedRoots: path.join(dir, 'trusted-roots.pem'),
    timestamping: path.join(dir, 'tsa.pem'),
    agencies: path.join(dir, 'agencies'),
  };
}

/** Written under a temporary name and renamed: another process never reads half a key. */
async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomUUID()}.tmp`;
  await writeFile(temporary, text, { mode: 0o600 });
  await rename(temporary, file);
}

async function bundle(holder: KeyHolder, chain: KeyHolder[]): Promise<string> {
  const pem = await exportPem(holder);
  return [pem.privateKey, pem.certificate, ...chain.map((c) => c.certificate.toString('pem'))].join('\n');
}

const exists = (file: string) =>
  readFile(file).then(
    () => true,
    () => false,
  );

async function loadAuthority(paths: DemoPkiPaths): Promise<KeyHolder> {
  const material = await readPemBundle(await readFile(paths.authority, 'utf8'));
  return { certificate: material.certificate, privateKey: material.privateKey };
}

const PROVINCE = 'Cần Thơ';
const ISSUER = 'UBND thành phố Cần Thơ';

/** Makes the demo root, the trusted-roots bundle and the time-stamping certificate when they are missing. */
export async function ensureDemoAuthority(dir: string): Promise<DemoPkiPaths> {
  const paths = demoPkiPaths(dir);
  if (!(await exists(paths.authority))) {
    const root = await createRootAuthority({
      commonName: 'CA thử nghiệm motcua — Cần Thơ',
      organization: ISSUER,
      province: PROVINCE,
    });
    await writeAtomically(paths.authority, await bundle(root, []));
    await writeAtomically(paths.trustedRoots, root.certificate.toString('pem'));
  }
  if (!(await exists(paths.timestamping))) {
    const root = await loadAuthority(paths);
    const tsa = await issueCertificate(
      root,
      { commonName: 'Máy chủ cấp dấu thời gian thử nghiệm motcua', organization: ISSUER },
      'timestamping',
      { notAfter: new Date(Date.now() + 5 * 365 * 24 * 3_600_000) },
    );
    await writeAtomically(paths.timestamping, await bundle(tsa, [root]));
  }
  return paths;
}

/** Issues a signing certificate for an agency from the demo root, unless it has one. */
export async function issueDemoAgencyKey(paths: DemoPkiPaths, agency: SigningAgency): Promise<void> {
  const file = path.join(paths.agencies, `${agency.code}.pem`);
  if (await exists(file)) return;
  const root = await loadAuthority(paths);
  const holder = await issueCertificate(
    root,
    { commonName: agency.name, organization: ISSUER, province: PROVINCE },
    'documentSigning',
  );
  await writeAtomically(file, await bundle(holder, [root]));
}

/** The demo PKI with certificates for the given agencies (RSA keys take a fraction of a second each). */
export async function ensureDemoPki(dir: string, agencies: SigningAgency[]): Promise<DemoPkiPaths> {
  const paths = await ensureDemoAuthority(dir);
  for (const agency of agencies) await issueDemoAgencyKey(paths, agency);
  return paths;
}
