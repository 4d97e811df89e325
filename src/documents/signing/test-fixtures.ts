import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Signer } from './cades-signature.js';
import { createRootAuthority, issueCertificate, type KeyHolder } from './local-ca.js';

/**
 * A one-page decision drawn with pdf-lib and saved with a classic cross-reference table (as the signing code
 * needs). Its text is ASCII: the standard PDF fonts carry no Vietnamese glyphs; the Vietnamese that matters
 * here is in the certificates and the signature dictionary.
 */
export async function samplePdf(): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.setTitle('Quyet dinh cap giay phep');
  const font = await document.embedFont(StandardFonts.Helvetica);
  const page = document.addPage([420, 595]);
  const lines = [
    'UY BAN NHAN DAN PHUONG NINH KIEU',
    'So: 15/QD-UBND',
    'QUYET DINH CAP GIAY PHEP',
    'Cap giay phep cho ong Nguyen Van Anh, thuong tru tai phuong Ninh Kieu.',
  ];
  lines.forEach((line, i) => {
    page.drawText(line, { x: 36, y: 540 - i * 24, size: 11, font });
  });
  return Buffer.from(await document.save({ useObjectStreams: false }));
}

export const agencyName = 'Ủy ban nhân dân phường Ninh Kiều';

export interface Pki {
  root: KeyHolder;
  /** A signer whose key is here (so tests can also export it). */
  agency: KeyHolder & Pick<Signer, 'chain'>;
  tsa: KeyHolder;
}

/** A local CA with one agency signing certificate and one time-stamping certificate. */
export async function localPki(rootName = 'CA thử nghiệm motcua'): Promise<Pki> {
  const root = await createRootAuthority({ commonName: rootName, organization: 'UBND thành phố Cần Thơ' });
  const agency = await issueCertificate(
    root,
    { commonName: agencyName, organization: 'UBND thành phố Cần Thơ', province: 'Cần Thơ' },
    'documentSigning',
  );
  const tsa = await issueCertificate(
    root,
    { commonName: 'Máy chủ cấp dấu thời gian thử nghiệm' },
    'timestamping',
  );
  return { root, agency: { ...agency, chain: [root.certificate] }, tsa };
}
