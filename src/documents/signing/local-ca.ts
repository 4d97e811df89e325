import { webcrypto } from 'node:crypto';
import { nfc } from '../../shared/text.js';
import * as x509 from './x509.js';

/**
 * RSA 2048 with SHA-256 (PKCS#1 v1.5). The certificates agencies receive from Vietnamese public CAs are RSA,
 * every PDF reader (Acrobat, poppler/NSS, Foxit) verifies RSA PKCS#1 v1.5, and a local CA that signs like the
 * real ones tests the same code paths the production certificates will take.
 */
export const keyAlgorithm: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
};

/** Who a certificate names; text is stored in NFC as UTF8String, the country as PrintableString (RFC 5280 App. A). */
export interface DistinguishedName {
  commonName: string;
  organization?: string;
  organizationalUnit?: string;
  locality?: string;
  province?: string;
  /** ISO 3166 two-letter code; "VN" when omitted. */
  country?: string;
}

export interface KeyHolder {
  certificate: x509.X509Certificate;
  privateKey: CryptoKey;
}

export interface CertificateOptions {
  notBefore?: Date;
  notAfter?: Date;
}

export type CertificatePurpose = 'documentSigning' | 'timestamping';

const day = 24 * 60 * 60 * 1000;
const crypto = webcrypto as Crypto;

function toName(dn: DistinguishedName): x509.Name {
  const text = (value: string) => [{ utf8String: nfc(value) }];
  // Most significant first, the order used by the national root and the public CAs.
  return new x509.Name([
    { C: [{ printableString: dn.country ?? 'VN' }] },
    ...(dn.province ? [{ ST: text(dn.province) }] : []),
    ...(dn.locality ? [{ L: text(dn.locality) }] : []),
    ...(dn.organization ? [{ O: text(dn.organization) }] : []),
    ...(dn.organizationalUnit ? [{ OU: text(dn.organizationalUnit) }] : []),
    { CN: text(dn.commonName) },
  ]);
}

/** 16 random bytes with the top bit clear: a positive serial well inside the 20-octet limit of RFC 5280 §4.1.2.2. */
function randomSerial(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

function generateKeys(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(keyAlgorithm, true, ['sign', 'verify']);
}

function validity(options: CertificateOptions, years: number) {
  const notBefore = options.notBefore ?? new Date(Date.now() - day);
  return { notBefore, notAfter: options.notAfter ?? new Date(notBefore.getTime() + years * 365 * day) };
}

/** A self-signed root that may only issue end-entity certificates (pathLen 0). */
export async function createRootAuthority(
  subject: DistinguishedName,
  options: CertificateOptions = {},
): Promise<KeyHolder> {
  const keys = await generateKeys();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(),
      name: toName(subject),
      keys,
      ...validity(options, 10),
      signingAlgorithm: keyAlgorithm,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  return { certificate, privateKey: keys.privateKey };
}

function purposeExtensions(purpose: CertificatePurpose): x509.Extension[] {
  if (purpose === 'timestamping') {
    // RFC 3161 §2.3: a TSA certificate carries exactly one extended key usage, timeStamping, marked critical.
    return [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.timeStamping], true),
    ];
  }
  // Non-repudiation (contentCommitment) marks a signature that binds the agency to the document (RFC 5280 §4.2.1.3).
  return [
    new x509.KeyUsagesExtension(
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
      true,
    ),
  ];
}

/** Issues an end-entity certificate signed by the authority, for an agency's document signing or for a TSA. */
export async function issueCertificate(
  authority: KeyHolder,
  subject: DistinguishedName,
  purpose: CertificatePurpose,
  options: CertificateOptions = {},
): Promise<KeyHolder> {
  const keys = await generateKeys();
  const certificate = await x509.X509CertificateGenerator.create(
    {
      serialNumber: randomSerial(),
      subject: toName(subject),
      issuer: authority.certificate.subjectName,
      publicKey: keys.publicKey,
      signingKey: authority.privateKey,
      ...validity(options, 2),
      signingAlgorithm: keyAlgorithm,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        ...purposeExtensions(purpose),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
        await x509.AuthorityKeyIdentifierExtension.create(authority.certificate, false, crypto),
      ],
    },
    crypto,
  );
  return { certificate, privateKey: keys.privateKey };
}

/** PEM texts an operator can hand to other tools: the certificate and the private key as unencrypted PKCS#8. */
export async function exportPem(holder: KeyHolder): Promise<{ certificate: string; privateKey: string }> {
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', holder.privateKey);
  return {
    certificate: holder.certificate.toString('pem'),
    privateKey: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
  };
}

/** Reads back what exportPem wrote. */
export async function importPem(pem: { certificate: string; privateKey: string }): Promise<KeyHolder> {
  const [der] = x509.PemConverter.decode(pem.privateKey);
  if (!der) throw new Error('No PEM block in the private key text');
  const privateKey = await crypto.subtle.importKey('pkcs8', der, keyAlgorithm, true, ['sign']);
  return { certificate: new x509.X509Certificate(pem.certificate), privateKey };
}
