import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { createRootAuthority, exportPem, importPem, issueCertificate } from './local-ca.js';
import * as x509 from './x509.js';

/** The tag and bytes of one attribute value in the subject, read straight from the DER. */
function subjectValue(certificate: x509.X509Certificate, type: string): { tag: number; text: string } | null {
  const oids: Record<string, string> = { CN: '2.5.4.3', O: '2.5.4.10', C: '2.5.4.6' };
  const tbs = (asn1js.fromBER(new Uint8Array(certificate.rawData)).result as asn1js.Sequence).valueBlock
    .value[0];
  const subject = (tbs as asn1js.Sequence).valueBlock.value[5] as asn1js.Sequence;
  for (const rdn of subject.valueBlock.value as asn1js.Set[]) {
    const [oid, value] = (rdn.valueBlock.value[0] as asn1js.Sequence).valueBlock.value as [
      asn1js.ObjectIdentifier,
      asn1js.BaseStringBlock,
    ];
    if (oid.valueBlock.toString() === oids[type])
      return { tag: value.idBlock.tagNumber, text: value.getValue() };
  }
  return null;
}

describe('local certificate authority', () => {
  it('issues an agency certificate with Vietnamese names as UTF8String and signing key usages', async () => {
    const root = await createRootAuthority({ commonName: 'CA thử nghiệm' });
    const agency = await issueCertificate(
      root,
      { commonName: 'Ủy ban nhân dân phường Ninh Kiều', organization: 'UBND thành phố Cần Thơ' },
      'documentSigning',
    );
    const utf8String = 12;
    const printableString = 19;
    expect(subjectValue(agency.certificate, 'CN')).toEqual({
      tag: utf8String,
      text: 'Ủy ban nhân dân phường Ninh Kiều'.normalize('NFC'),
    });
    expect(subjectValue(agency.certificate, 'O')).toEqual({
      tag: utf8String,
      text: 'UBND thành phố Cần Thơ',
    });
    expect(subjectValue(agency.certificate, 'C')).toEqual({ tag: printableString, text: 'VN' });

    const usage = agency.certificate.getExtension(x509.KeyUsagesExtension);
    expect(usage?.critical).toBe(true);
    expect(usage?.usages).toBe(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation);
    expect(agency.certificate.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(false);
    expect(
      await agency.certificate.verify({ publicKey: root.certificate.publicKey, signatureOnly: true }),
    ).toBe(true);
    expect(agency.certificate.issuer).toBe(root.certificate.subject);
  });

  it('marks a time-stamping certificate with the one critical timeStamping usage (RFC 3161 §2.3)', async () => {
    const root = await createRootAuthority({ commonName: 'CA thử nghiệm' });
    const tsa = await issueCertificate(root, { commonName: 'Máy chủ dấu thời gian' }, 'timestamping');
    const extended = tsa.certificate.getExtension(x509.ExtendedKeyUsageExtension);
    expect(extended?.critical).toBe(true);
    expect(extended?.usages).toEqual([x509.ExtendedKeyUsage.timeStamping]);
  });

  it('exports PEM (certificate, PKCS#8 key) and reads it back to a working key', async () => {
    const root = await createRootAuthority({ commonName: 'CA thử nghiệm' });
    const pem = await exportPem(root);
    expect(pem.certificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(pem.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const again = await importPem(pem);
    expect(again.certificate.equal(root.certificate)).toBe(true);
    const data = new TextEncoder().encode('Cần Thơ');
    const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', again.privateKey, data);
    const publicKey = await root.certificate.publicKey.export();
    expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', publicKey, signature, data)).toBe(true);
  });
});
