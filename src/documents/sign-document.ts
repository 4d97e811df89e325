import { createHash, randomInt } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import QRCode from 'qrcode';
import { AppError } from '../shared/errors.js';
import type { PendingWrites } from './pending-writes.js';
import { storeProducedPdf } from './produced-file.js';
import { type DocumentServices, verificationUrl } from './services.js';
import { readSignatureFields } from './signing/pdf-signature-fields.js';
import { signPdf } from './signing/sign-pdf.js';
import type { SigningAgency } from './signing/signing-port.js';
import { type FileRef, insertSignedDocument } from './store.js';

export interface SignRequest {
  pdf: Uint8Array;
  agency: SigningAgency;
  purpose: 'result' | 'scan_seal';
  dossierCode: string;
  procedureName: string;
  fileName: string;
  reason: string;
  /** Where the signature is made, as readers show it. */
  location: string;
  signedAt: Date;
  /** Draw the verification QR code on the last page before signing (the caller's own PDFs carry it already). */
  stamp: boolean;
  verificationCode?: string;
}

export interface SignedDocument {
  file: FileRef;
  verificationCode: string;
  signer: string;
  serialNumber: string;
  timestamped: boolean;
}

const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** 12 characters of an alphabet without I and O (read aloud or typed from paper): about 60 bits. */
export function newVerificationCode(): string {
  return Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

/**
 * Draws the verification QR code and its address at the foot of the last page, then writes the file again
 * with a classic cross-reference table (what the signature placeholder can extend). Only a PDF without
 * signatures is redrawn: rewriting a signed one would break its signatures.
 */
async function stampVerification(pdf: Uint8Array, url: string): Promise<Uint8Array> {
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(pdf, { updateMetadata: false });
  } catch {
    throw new AppError('FILE_CORRUPT', 'Không đọc được tệp PDF kết quả để ký số.');
  }
  if (document.isEncrypted)
    throw new AppError('FILE_TYPE_NOT_ALLOWED', 'Tệp PDF kết quả đang được đặt mật khẩu: không thể ký số.');
  const page = document.getPage(document.getPageCount() - 1);
  const png = await QRCode.toBuffer(url, { margin: 1, width: 160, errorCorrectionLevel: 'M' });
  const image = await document.embedPng(png);
  const font = await document.embedFont(StandardFonts.Helvetica);
  const size = 52;
  page.drawImage(image, { x: 18, y: 18, width: size, height: size });
  page.drawText(url, { x: 18 + size + 6, y: 22, size: 6.5, font });
  return document.save({ useObjectStreams: false });
}

function hasSignatures(pdf: Uint8Array): boolean {
  return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).includes('/ByteRange');
}

/**
 * Signs a document of a dossier in the agency's name (PAdES B-B, B-T when a time-stamp authority is
 * configured), stores the signed file, and leaves its record for the public verification page to be written
 * with the caller's event (`pending`). The record holds the dossier code, the procedure and the agency: never the applicant.
 */
export async function signDocument(
  services: DocumentServices,
  pending: PendingWrites,
  request: SignRequest,
): Promise<SignedDocument> {
  const verificationCode = request.verificationCode ?? newVerificationCode();
  const prepared =
    request.stamp && !hasSignatures(request.pdf)
      ? await stampVerification(request.pdf, verificationUrl(services.publicUrl, verificationCode))
      : request.pdf;
  const signer = await services.signing.signerFor(request.agency);
  const signed = await signPdf(Buffer.from(prepared), signer, {
    reason: request.reason,
    location: request.location,
    signingTime: request.signedAt,
    contactInfo: verificationUrl(services.publicUrl, verificationCode),
    ...(services.timestamp ? { timestamp: services.timestamp } : {}),
  });
  const fields = await readSignatureFields(signed, { maxNodes: 10_000 });
  // Ours is the signature whose byte range reaches the end of the file.
  const ours = fields.find(
    (field) => (field.byteRange?.[2] ?? 0) + (field.byteRange?.[3] ?? 0) === signed.length,
  )?.contents;
  if (!ours) throw new Error('signed PDF has no signature contents');
  const file = await storeProducedPdf(services, pending, signed, request.fileName);
  const signerSubject = signer.certificate.subject.normalize('NFC');
  const record = {
    verification_code: verificationCode,
    sha256: file.sha256,
    contents_sha256: createHash('sha256').update(ours).digest('hex'),
    purpose: request.purpose,
    dossier_code: request.dossierCode,
    procedure_name: request.procedureName,
    agency_code: request.agency.code,
    signer_subject: signerSubject,
    signer_serial: signer.certificate.serialNumber,
    signed_at: request.signedAt,
    timestamped: services.timestamp !== null,
  };
  pending.add((db) => insertSignedDocument(db, record));
  return {
    file,
    verificationCode,
    // The name people read (the wallet's "signed by", the result's signer); the full subject stays on record.
    signer: signer.certificate.subjectName.getField('CN')[0]?.normalize('NFC') ?? signerSubject,
    serialNumber: signer.certificate.serialNumber,
    timestamped: services.timestamp !== null,
  };
}
