import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer as SignpdfSigner, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { AppError } from '../../shared/errors.js';
import { createCadesSignature, type Signer } from './cades-signature.js';
import { pdfTextString } from './pdf-text-string.js';
import type { TimestampClient } from './timestamp-client.js';

export interface SignPdfOptions {
  reason?: string;
  location?: string;
  /** The signer's name as shown by readers; the certificate's common name when omitted. */
  name?: string;
  contactInfo?: string;
  /** Written as the signature dictionary's /M: in PAdES B-B the claimed time lives there, not in the CMS. */
  signingTime?: Date;
  /** When given, the signature is time-stamped (PAdES B-T). */
  timestamp?: TimestampClient;
  /** Bytes reserved for the CMS; the certificates, the signature and a time-stamp token must fit. */
  reservedBytes?: number;
}

/** Hands the bytes covered by the ByteRange to our CAdES code; @signpdf/signpdf does the ByteRange bookkeeping. */
class CadesSigner extends SignpdfSigner {
  constructor(
    private readonly signer: Signer,
    private readonly timestamp: TimestampClient | undefined,
  ) {
    super();
  }

  override async sign(covered: Buffer): Promise<Buffer> {
    return Buffer.from(await createCadesSignature(covered, this.signer, this.timestamp));
  }
}

/**
 * @signpdf/placeholder-plain writes literal strings through UTF-8 and garbles anything beyond ASCII. So it is
 * given ASCII fillers exactly as long as our hex strings, which are then written over them: same length, so no
 * offset in the new cross-reference section moves.
 */
interface DictionaryText {
  key: 'Reason' | 'Location' | 'Name' | 'ContactInfo';
  hex: string;
  filler: string;
}

function dictionaryText(key: DictionaryText['key'], value: string): DictionaryText {
  const hex = pdfTextString(value);
  return { key, hex, filler: 'X'.repeat(hex.length - 2) };
}

function writeTexts(prepared: Buffer, texts: DictionaryText[]): void {
  for (const { key, hex, filler } of texts) {
    const at = prepared.lastIndexOf(`/${key} (${filler})`);
    if (at === -1) throw new Error(`signature dictionary has no /${key}`);
    prepared.write(`/${key} ${hex}`, at, 'latin1');
  }
}

/**
 * Signs a PDF as PAdES baseline B-B (B-T with a time-stamp client), ETSI EN 319 142-1: an incremental update
 * adds a signature field whose dictionary has /SubFilter /ETSI.CAdES.detached and a detached CMS over the
 * whole file except the signature itself. Earlier revisions, and so earlier signatures, stay untouched.
 */
export async function signPdf(pdf: Buffer, signer: Signer, options: SignPdfOptions = {}): Promise<Buffer> {
  if (!pdf.subarray(0, 1024).includes('%PDF-')) {
    throw new AppError('FILE_TYPE_NOT_ALLOWED', 'Tệp cần ký không phải là tệp PDF.');
  }
  const reason = dictionaryText('Reason', options.reason ?? '');
  const location = dictionaryText('Location', options.location ?? '');
  const name = dictionaryText('Name', options.name ?? signer.certificate.subjectName.getField('CN')[0] ?? '');
  const contactInfo = dictionaryText('ContactInfo', options.contactInfo ?? '');
  let prepared: Buffer;
  try {
    prepared = plainAddPlaceholder({
      pdfBuffer: pdf,
      reason: reason.filler,
      location: location.filler,
      name: name.filler,
      contactInfo: contactInfo.filler,
      signingTime: options.signingTime ?? new Date(),
      subFilter: SUBFILTER_ETSI_CADES_DETACHED,
      signatureLength: options.reservedBytes ?? 16 * 1024,
      appName: 'motcua',
    });
  } catch {
    // The placeholder code reads classic cross-reference tables only; xref streams (PDF 1.5+) end up here.
    throw new AppError(
      'FILE_CORRUPT',
      'Không thể thêm chữ ký vào tệp PDF này (cấu trúc tệp không được hỗ trợ).',
    );
  }
  writeTexts(prepared, [reason, location, name, contactInfo]);
  return new SignPdf().sign(prepared, new CadesSigner(signer, options.timestamp));
}
