import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { readPemBundle, readPkcs12 } from './key-files.js';
import { exportPem } from './local-ca.js';
import { localKeySigning } from './local-key-signing.js';
import { signPdf } from './sign-pdf.js';
import { agencyName, localPki, type Pki, samplePdf } from './test-fixtures.js';
import { verifyPdf } from './verify-pdf.js';

const run = promisify(execFile);
const hasOpenssl = await run('openssl', ['version']).then(
  () => true,
  () => false,
);

describe('signing keys in files', () => {
  let pki: Pki;
  let dir: string;
  let bundle: string;
  beforeAll(async () => {
    pki = await localPki();
    dir = await mkdtemp(path.join(tmpdir(), 'motcua-keys-'));
    const pem = await exportPem(pki.agency);
    bundle = [pem.privateKey, pem.certificate, pki.root.certificate.toString('pem')].join('\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads a PEM bundle: key, the signer first, then the chain', async () => {
    const material = await readPemBundle(bundle);
    expect(material.certificate.serialNumber).toBe(pki.agency.certificate.serialNumber);
    expect(material.chain.map((c) => c.serialNumber)).toEqual([pki.root.certificate.serialNumber]);
  });

  it.skipIf(!hasOpenssl)('reads a PKCS#12 file written by OpenSSL 3 and signs with it', async () => {
    await writeFile(path.join(dir, 'bundle.pem'), bundle);
    await run('openssl', [
      'pkcs12',
      '-export',
      '-in',
      path.join(dir, 'bundle.pem'),
      '-out',
      path.join(dir, '000.31135.H13.p12'),
      '-passout',
      'pass:mat-khau-demo',
    ]);
    const material = await readPkcs12(await readFile(path.join(dir, '000.31135.H13.p12')), 'mat-khau-demo');
    expect(material.certificate.subject).toContain(agencyName);
    const signing = localKeySigning({ dir, p12Password: 'mat-khau-demo' });
    const signer = await signing.signerFor({ code: '000.31135.H13', name: agencyName });
    const signed = await signPdf(await samplePdf(), signer, { reason: 'Thử khóa PKCS#12' });
    const { signatures } = await verifyPdf(signed, [pki.root.certificate]);
    expect(signatures[0]?.valid).toBe(true);
    await expect(readPkcs12(await readFile(path.join(dir, '000.31135.H13.p12')), 'sai')).rejects.toThrow();
  });

  it('says which agency has no key, and never reads outside its folder', async () => {
    const signing = localKeySigning({ dir });
    for (const code of ['000.00.99.H13', '../../etc/passwd']) {
      const error = await signing.signerFor({ code, name: 'Sở Thử nghiệm' }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('SIGNING_KEY_MISSING');
      expect((error as AppError).message).toContain('Sở Thử nghiệm');
    }
  });
});
