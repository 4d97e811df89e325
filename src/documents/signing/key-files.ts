import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';
import { keyAlgorithm } from './local-ca.js';
import * as x509 from './x509.js';

/** A signing key as it sits on disk: the private key and its certificate, then the chain up to the root. */
export interface KeyMaterial {
  privateKey: CryptoKey;
  certificate: x509.X509Certificate;
  chain: x509.X509Certificate[];
}

const crypto = webcrypto as Crypto;

function importKey(pkcs8: ArrayBuffer | Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', new Uint8Array(pkcs8), keyAlgorithm, false, ['sign']);
}

/**
 * A PEM bundle: one "PRIVATE KEY" block (unencrypted PKCS#8) and "CERTIFICATE" blocks, the signer's first.
 * This is what `openssl pkcs12 -nodes` or `exportPem` of the local CA writes.
 */
export async function readPemBundle(text: string): Promise<KeyMaterial> {
  const blocks = [...text.matchAll(/-----BEGIN ([A-Z ]+)-----[\s\S]+?-----END \1-----/g)];
  const keyBlock = blocks.find((block) => block[1] === 'PRIVATE KEY');
  const certificates = blocks
    .filter((block) => block[1] === 'CERTIFICATE')
    .map((block) => new x509.X509Certificate(block[0]));
  const [certificate, ...chain] = certificates;
  if (!keyBlock || !certificate) throw new Error('PEM bundle needs a PRIVATE KEY and a CERTIFICATE block');
  const [der] = x509.PemConverter.decode(keyBlock[0]);
  if (!der) throw new Error('empty PRIVATE KEY block');
  return { privateKey: await importKey(der), certificate, chain };
}

const bags = {
  key: '1.2.840.113549.1.12.10.1.1',
  shroudedKey: '1.2.840.113549.1.12.10.1.2',
  certificate: '1.2.840.113549.1.12.10.1.3',
};

/**
 * A PKCS#12 file as OpenSSL 3 writes it by default (PBES2 with PBKDF2 and AES, an HMAC-SHA-256 integrity
 * check). The password is taken as bytes, so it should be ASCII. The older 3DES/RC2 encryption is not read:
 * convert such a file with `openssl pkcs12` first.
 */
export async function readPkcs12(der: Uint8Array, password: string): Promise<KeyMaterial> {
  const secret = new Uint8Array(Buffer.from(password, 'utf8')).buffer;
  const pfx = pkijs.PFX.fromBER(new Uint8Array(der));
  await pfx.parseInternalValues({ password: secret, checkIntegrity: true });
  const safe = pfx.parsedValue?.authenticatedSafe;
  if (!safe) throw new Error('PKCS#12 file without an authenticated safe');
  await safe.parseInternalValues({ safeContents: safe.safeContents.map(() => ({ password: secret })) });
  let pkcs8: ArrayBuffer | null = null;
  const certificates: x509.X509Certificate[] = [];
  for (const contents of safe.parsedValue?.safeContents ?? []) {
    for (const bag of contents.value.safeBags) {
      if (bag.bagId === bags.shroudedKey) {
        // pkijs declares this step protected, but it is the documented way to decrypt a shrouded key bag.
        const shrouded = bag.bagValue as unknown as {
          parseInternalValues(parameters: { password: ArrayBuffer }): Promise<void>;
          parsedValue?: pkijs.PrivateKeyInfo;
        };
        await shrouded.parseInternalValues({ password: secret });
        pkcs8 = shrouded.parsedValue?.toSchema().toBER() ?? null;
      } else if (bag.bagId === bags.key) {
        pkcs8 = (bag.bagValue as pkijs.PrivateKeyInfo).toSchema().toBER();
      } else if (bag.bagId === bags.certificate) {
        const parsed = (bag.bagValue as pkijs.CertBag).parsedValue;
        if (parsed instanceof pkijs.Certificate)
          certificates.push(new x509.X509Certificate(parsed.toSchema().toBER()));
      }
    }
  }
  if (!pkcs8 || certificates.length === 0)
    throw new Error('PKCS#12 file needs a private key and a certificate');
  // The signer's certificate is the end entity: the one that is not a certificate authority.
  const signer =
    certificates.find((c) => !c.getExtension(x509.BasicConstraintsExtension)?.ca) ?? certificates[0];
  return {
    privateKey: await importKey(pkcs8),
    certificate: signer as x509.X509Certificate,
    chain: certificates.filter((c) => c !== signer),
  };
}
