import { fileTypeFromBuffer } from 'file-type';
import type { FileLimits } from './file-limits.js';
import { type ImageKind, imageDimensions } from './image-dimensions.js';
import { executableText } from './markup-and-scripts.js';
import { inspectOfficeZip } from './office-zip.js';
import { inspectPdf } from './pdf-structure.js';
import { corrupt, notAllowed, tooLarge } from './refusal.js';

export type SniffedFile =
  | { kind: 'pdf'; mime: 'application/pdf'; pages: number; encrypted: boolean }
  | { kind: ImageKind; mime: string; width: number; height: number }
  | { kind: 'docx' | 'xlsx'; mime: string; entries: number; uncompressedBytes: number };

const officeMime = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const images: Record<string, { kind: ImageKind; mime: string }> = {
  jpg: { kind: 'jpeg', mime: 'image/jpeg' },
  png: { kind: 'png', mime: 'image/png' },
  tif: { kind: 'tiff', mime: 'image/tiff' },
};

/** What file-type calls the programs we name as such in the refusal. */
const executables = new Set([
  'elf',
  'exe',
  'macho',
  'class',
  'wasm',
  'dex',
  'apk',
  'deb',
  'rpm',
  'msi',
  'lnk',
]);

/** A ZIP local file header (APPNOTE 4.3.7) or an empty archive's end record (4.3.16). */
function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);
}

/**
 * Says what an uploaded file really is from its content, never its name, and refuses anything but PDF, JPEG,
 * PNG, TIFF, DOCX and XLSX, or a file that is incomplete or over the limits. Throws AppError with
 * FILE_TOO_LARGE, FILE_TYPE_NOT_ALLOWED or FILE_CORRUPT and a Vietnamese message.
 */
export async function sniffFile(bytes: Uint8Array, limits: FileLimits): Promise<SniffedFile> {
  if (bytes.byteLength > limits.maxBytes)
    throw tooLarge(`${bytes.byteLength} byte, tối đa ${limits.maxBytes} byte`);
  if (bytes.byteLength === 0) throw corrupt('tệp rỗng');
  // ZIP containers are opened by our own bounded reader, never by a sniffing library that would inflate parts.
  if (isZip(bytes)) {
    const office = await inspectOfficeZip(bytes, limits);
    return { ...office, mime: officeMime[office.kind] };
  }
  const text = executableText(bytes);
  if (text) throw notAllowed(text);

  // Magic numbers sit in the first bytes; a bounded sample keeps the library's work independent of file size.
  const type = await fileTypeFromBuffer(bytes.subarray(0, 64 * 1024));
  if (type?.ext === 'pdf')
    return { kind: 'pdf', mime: 'application/pdf', ...(await inspectPdf(bytes, limits.maxPdfPages)) };
  const image = type && images[type.ext];
  if (image) return { ...image, ...imageDimensions(bytes, image.kind, limits.maxImagePixels) };
  if (!type) throw notAllowed('không xác định');
  if (executables.has(type.ext)) throw notAllowed(`chương trình thực thi (${type.ext})`);
  throw notAllowed(type.ext);
}
