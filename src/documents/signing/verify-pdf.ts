import * as pkijs from 'pkijs';
import { AppError } from '../../shared/errors.js';
import { chainsToTrustedRoot, validAt } from './certificate-chain.js';
import { type PdfSignatureField, readSignatureFields } from './pdf-signature-fields.js';
import { problem, type SignatureProblem } from './signature-problems.js';
import { checkCmsSignature } from './verify-cms.js';
import { checkTimestamp, type TimestampCheck } from './verify-timestamp.js';
import * as x509 from './x509.js';

export interface CertificateDescription {
  /** The whole distinguished name, RFC 4514 order as written by @peculiar/x509, in NFC. */
  subject: string;
  commonName: string | null;
  organization: string | null;
  issuer: string;
  /** Hexadecimal, as certificate lists print it. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
}

export interface SignatureReport {
  fieldName: string | null;
  subFilter: string | null;
  signer: CertificateDescription | null;
  /** /Name, /Reason, /Location of the signature dictionary: what the signer's software wrote, unverified. */
  name: string | null;
  reason: string | null;
  location: string | null;
  /** /M: the time the signer's software claims. */
  claimedSigningTime: Date | null;
  /** The RFC 3161 time-stamp over the signature (PAdES B-T), when there is one. */
  timestamp: TimestampCheck | null;
  byteRange: number[] | null;
  /** The signed bytes hash to the value that was signed: nothing covered has changed. */
  digestMatches: boolean;
  /** The signature over the signed attributes holds under the certificate's key. */
  signatureValid: boolean;
  /** The signature covers the whole file but its own value; otherwise something was appended after signing. */
  coversWholeFile: boolean;
  /** The certificate chains to one of the trusted roots, every certificate valid at the signing time. */
  trusted: boolean;
  certificateValidAtSigningTime: boolean;
  /** Nothing below went wrong. */
  valid: boolean;
  problems: SignatureProblem[];
}

export interface PdfVerification {
  signatures: SignatureReport[];
  /** One Vietnamese sentence for the person who dropped the file. */
  summary: string;
}

export interface VerifyPdfOptions {
  maxBytes?: number;
  maxSignatures?: number;
  /** Room a signature's /Contents may take; real ones with chains and time-stamps are tens of kilobytes. */
  maxSignatureBytes?: number;
  /** The time used when a signature carries neither a time-stamp nor /M. */
  now?: () => Date;
}

const supportedSubFilters = new Set(['ETSI.CAdES.detached', 'adbe.pkcs7.detached']);

function describe(certificate: pkijs.Certificate): CertificateDescription {
  const parsed = new x509.X509Certificate(certificate.toSchema().toBER());
  return {
    subject: parsed.subject.normalize('NFC'),
    commonName: parsed.subjectName.getField('CN')[0]?.normalize('NFC') ?? null,
    organization: parsed.subjectName.getField('O')[0]?.normalize('NFC') ?? null,
    issuer: parsed.issuer.normalize('NFC'),
    serialNumber: parsed.serialNumber,
    notBefore: parsed.notBefore,
    notAfter: parsed.notAfter,
  };
}

/** Key usage, when present, must allow digitalSignature or nonRepudiation (RFC 5280 §4.2.1.3). */
function keyUsageAllowsSigning(certificate: pkijs.Certificate): boolean {
  const parsed = new x509.X509Certificate(certificate.toSchema().toBER());
  const keyUsage = parsed.getExtension(x509.KeyUsagesExtension);
  if (!keyUsage) return true;
  return (keyUsage.usages & (x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation)) !== 0;
}

/** [0, b, c, d] with the gap [b, c) inside the file (ISO 32000-1 §12.8.1). */
function rangeIsSane(range: number[], fileLength: number): range is [number, number, number, number] {
  const [start, length, gapEnd, tailLength] = range as [number, number, number, number];
  return (
    start === 0 && length > 0 && gapEnd >= length + 2 && tailLength >= 0 && gapEnd + tailLength <= fileLength
  );
}

/** The excluded gap must be exactly the /Contents hex string: `<` hex digits `>`. */
function gapContents(pdf: Uint8Array, from: number, to: number): Uint8Array | null {
  if (pdf[from] !== 0x3c || pdf[to - 1] !== 0x3e) return null;
  const hex = Buffer.from(pdf.subarray(from + 1, to - 1))
    .toString('latin1')
    .replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(hex)) return null;
  return Buffer.from(hex.length % 2 === 0 ? hex : `${hex}0`, 'hex');
}

function report(field: PdfSignatureField): SignatureReport {
  return {
    fieldName: field.fieldName,
    subFilter: field.subFilter,
    signer: null,
    name: field.name,
    reason: field.reason,
    location: field.location,
    claimedSigningTime: field.claimedSigningTime,
    timestamp: null,
    byteRange: field.byteRange,
    digestMatches: false,
    signatureValid: false,
    coversWholeFile: false,
    trusted: false,
    certificateValidAtSigningTime: false,
    valid: false,
    problems: [],
  };
}

async function verifySignature(
  pdf: Uint8Array,
  field: PdfSignatureField,
  trustedRoots: pkijs.Certificate[],
  options: Required<VerifyPdfOptions>,
): Promise<SignatureReport> {
  const result = report(field);
  const fail = (...codes: Parameters<typeof problem>[0][]) => ({ ...result, problems: codes.map(problem) });
  if (!field.subFilter || !supportedSubFilters.has(field.subFilter)) return fail('SUBFILTER_NOT_SUPPORTED');
  if (!field.byteRange || !rangeIsSane(field.byteRange, pdf.length)) return fail('BYTE_RANGE_INVALID');
  const [, length, gapEnd, tailLength] = field.byteRange;
  if (gapEnd - length > 2 * options.maxSignatureBytes + 2) return fail('BYTE_RANGE_INVALID');
  const contents = gapContents(pdf, length, gapEnd);
  if (!contents) return fail('BYTE_RANGE_INVALID');

  const problems: SignatureProblem[] = [];
  if (field.contents && !Buffer.from(field.contents).equals(Buffer.from(contents))) {
    problems.push(problem('CONTENTS_MISMATCH'));
  }
  const coversWholeFile = gapEnd + tailLength === pdf.length;
  if (!coversWholeFile) problems.push(problem('CHANGED_AFTER_SIGNING'));

  const covered = new Uint8Array(length + tailLength);
  covered.set(pdf.subarray(0, length), 0);
  covered.set(pdf.subarray(gapEnd, gapEnd + tailLength), length);
  const cms = await checkCmsSignature(contents, covered);
  problems.push(...cms.problems);
  const signer = cms.signerCertificate;
  if (!signer) return { ...result, coversWholeFile, problems };

  const timestamp =
    cms.timestampToken && cms.signatureValue
      ? await checkTimestamp(
          cms.timestampToken,
          cms.signatureValue,
          trustedRoots,
          (cert) => describe(cert).subject,
        )
      : null;
  if (timestamp && !timestamp.valid) problems.push(problem('TIMESTAMP_INVALID'));

  let signingTime = timestamp?.valid && timestamp.time ? timestamp.time : field.claimedSigningTime;
  if (!signingTime) {
    problems.push(problem('SIGNING_TIME_UNKNOWN'));
    signingTime = options.now();
  }
  if (!keyUsageAllowsSigning(signer)) problems.push(problem('KEY_USAGE_NOT_SIGNING'));
  const certificateValidAtSigningTime = validAt(signer, signingTime);
  const others = cms.certificates.filter((certificate) => certificate !== signer);
  const trusted = await chainsToTrustedRoot(signer, others, trustedRoots, signingTime);
  if (!certificateValidAtSigningTime) problems.push(problem('CERTIFICATE_NOT_VALID_AT_SIGNING_TIME'));
  else if (!trusted) problems.push(problem('CERTIFICATE_NOT_TRUSTED'));

  return {
    ...result,
    signer: describe(signer),
    timestamp,
    digestMatches: cms.digestMatches,
    signatureValid: cms.signatureValid,
    coversWholeFile,
    trusted,
    certificateValidAtSigningTime,
    valid: problems.every((item) => item.code === 'SIGNING_TIME_UNKNOWN'),
    problems,
  };
}

function summarise(signatures: SignatureReport[]): string {
  if (signatures.length === 0) return 'Tệp không có chữ ký số.';
  const invalid = signatures.filter((signature) => !signature.valid).length;
  if (invalid === 0) return `Tệp có ${signatures.length} chữ ký số, tất cả đều hợp lệ.`;
  return `Tệp có ${signatures.length} chữ ký số, trong đó ${invalid} chữ ký không hợp lệ hoặc không được tin cậy.`;
}

/**
 * Verifies every signature of a PDF anyone may have dropped: what it covers, whether those bytes changed,
 * whether the CMS signature holds, who signed and whether that certificate chains to one of `trustedRoots` at
 * the signing time (the time-stamp's when there is a valid one, else the claimed /M). Revocation is not
 * checked. A file that is not a PDF, too large or unreadable is refused with an AppError; a PDF without
 * signatures gets an empty list.
 */
export async function verifyPdf(
  pdf: Uint8Array,
  trustedRoots: x509.X509Certificate[],
  options: VerifyPdfOptions = {},
): Promise<PdfVerification> {
  const limits: Required<VerifyPdfOptions> = {
    maxBytes: options.maxBytes ?? 50 * 1024 * 1024,
    maxSignatures: options.maxSignatures ?? 20,
    maxSignatureBytes: options.maxSignatureBytes ?? 256 * 1024,
    now: options.now ?? (() => new Date()),
  };
  if (pdf.length > limits.maxBytes) {
    throw new AppError('FILE_TOO_LARGE', `Tệp quá lớn để kiểm tra chữ ký (tối đa ${limits.maxBytes} byte).`);
  }
  if (!Buffer.from(pdf.subarray(0, 1024)).includes('%PDF-')) {
    throw new AppError('FILE_TYPE_NOT_ALLOWED', 'Tệp không phải là tệp PDF.');
  }
  let fields: PdfSignatureField[];
  try {
    fields = await readSignatureFields(pdf, { maxNodes: 10_000 });
  } catch {
    throw new AppError('FILE_CORRUPT', 'Tệp PDF bị hỏng hoặc không đọc được.');
  }
  const roots = trustedRoots.map((root) => pkijs.Certificate.fromBER(root.rawData));
  const end = (field: PdfSignatureField) =>
    field.byteRange ? (field.byteRange[2] ?? 0) + (field.byteRange[3] ?? 0) : 0;
  const ordered = fields.sort((a, b) => end(a) - end(b)).slice(0, limits.maxSignatures);
  const signatures: SignatureReport[] = [];
  for (const field of ordered) {
    try {
      signatures.push(await verifySignature(pdf, field, roots, limits));
    } catch {
      signatures.push({ ...report(field), problems: [problem('CMS_MALFORMED')] });
    }
  }
  return { signatures, summary: summarise(signatures) };
}
