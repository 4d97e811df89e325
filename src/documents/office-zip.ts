import yauzl from 'yauzl';
import { AppError } from '../shared/errors.js';
import type { FileLimits } from './file-limits.js';
import { corrupt, notAllowed, tooLarge } from './refusal.js';

export interface OfficeFacts {
  kind: 'docx' | 'xlsx';
  entries: number;
  uncompressedBytes: number;
}

/** Main-part content types of ECMA-376 Part 1 §11.3.10 (WordprocessingML) and §12.3.23 (SpreadsheetML). */
const mainPart = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
} as const;
const contentTypesName = '[Content_Types].xml';
const maxContentTypesBytes = 1024 * 1024;

function open(bytes: Uint8Array): Promise<yauzl.ZipFile> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    ),
  );
}

/**
 * Walks the central directory only: names and declared sizes, nothing inflated. Declared sizes cannot hide a
 * bomb from what is inflated later, because yauzl checks each stream against its declared size.
 */
function listEntries(zip: yauzl.ZipFile, fileBytes: number, limits: FileLimits): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    let total = 0;
    zip.on('error', reject);
    zip.on('end', () => resolve(entries));
    zip.on('entry', (entry: yauzl.Entry) => {
      total += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (total > limits.maxUncompressedBytes || total / fileBytes > limits.maxCompressionRatio) {
        return reject(
          tooLarge(
            `dung lượng sau giải nén vượt giới hạn ${limits.maxUncompressedBytes} byte hoặc tỉ lệ nén bất thường`,
          ),
        );
      }
      if (ratio > limits.maxCompressionRatio) {
        return reject(tooLarge(`tỉ lệ nén của một thành phần vượt ${limits.maxCompressionRatio} lần`));
      }
      entries.push(entry);
      zip.readEntry();
    });
    zip.readEntry();
  });
}

/**
 * The part that [Content_Types].xml declares with the given content type (an <Override PartName=…>, OPC,
 * ECMA-376 Part 2 §10.1.2.3), as a ZIP entry name: without the leading slash. Word keeps it in word/, Excel in
 * xl/ by convention, but only this declaration is binding.
 */
function mainPartName(contentTypes: string, contentType: string): string | null {
  for (const [override] of contentTypes.matchAll(/<Override\b[^>]*>/g)) {
    const type = /\bContentType="([^"]*)"/.exec(override)?.[1];
    const part = /\bPartName="\/?([^"]*)"/.exec(override)?.[1];
    if (type === contentType && part) return decodeURIComponent(part);
  }
  return null;
}

function readSmallEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    }),
  );
}

/** Decides whether a ZIP is a DOCX or an XLSX (by its content types and parts), within the limits, or refuses it. */
export async function inspectOfficeZip(bytes: Uint8Array, limits: FileLimits): Promise<OfficeFacts> {
  let zip: yauzl.ZipFile;
  try {
    zip = await open(bytes);
  } catch {
    throw corrupt('tệp nén ZIP bị hỏng');
  }
  try {
    if (zip.entryCount > limits.maxZipEntries) {
      throw tooLarge(`${zip.entryCount} thành phần trong tệp nén, tối đa ${limits.maxZipEntries}`);
    }
    const entries = await listEntries(zip, bytes.byteLength, limits);
    const names = entries.map((entry) => entry.fileName);
    const uncompressedBytes = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
    const contentTypesEntry = entries.find((entry) => entry.fileName === contentTypesName);
    if (!contentTypesEntry) throw notAllowed('tệp nén ZIP');
    if (contentTypesEntry.uncompressedSize > maxContentTypesBytes) throw corrupt('danh mục nội dung quá lớn');
    const contentTypes = await readSmallEntry(zip, contentTypesEntry);
    if (
      names.some((name) => name.toLowerCase().endsWith('vbaproject.bin')) ||
      /macroEnabled/i.test(contentTypes)
    ) {
      throw notAllowed('tài liệu Office có macro');
    }
    const present = (kind: keyof typeof mainPart) => {
      const part = mainPartName(contentTypes, mainPart[kind]);
      return part !== null && names.includes(part);
    };
    const kind = present('docx') ? 'docx' : present('xlsx') ? 'xlsx' : null;
    if (!kind) throw notAllowed('tệp nén ZIP không phải DOCX hay XLSX');
    return { kind, entries: entries.length, uncompressedBytes };
  } catch (error) {
    throw error instanceof AppError ? error : corrupt('tệp nén ZIP bị hỏng');
  } finally {
    zip.close();
  }
}
