import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRef,
  PDFString,
} from 'pdf-lib';

/** What a signature field's value dictionary says (ISO 32000-1 §12.8.1, Table 252). */
export interface PdfSignatureField {
  fieldName: string | null;
  subFilter: string | null;
  byteRange: number[] | null;
  /** The /Contents string as decoded by the PDF parser. */
  contents: Uint8Array | null;
  /** /M: the time the signer's software claims, not proof of anything without a time-stamp. */
  claimedSigningTime: Date | null;
  name: string | null;
  reason: string | null;
  location: string | null;
}

export interface FieldLimits {
  /** Field-tree nodes visited at most, against forms built to make us walk forever. */
  maxNodes: number;
}

function text(value: PDFObject | undefined): string | null {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText().normalize('NFC');
  return null;
}

function date(value: PDFObject | undefined): Date | null {
  if (!(value instanceof PDFString || value instanceof PDFHexString)) return null;
  try {
    return value.decodeDate();
  } catch {
    return null;
  }
}

function byteRange(value: PDFObject | undefined): number[] | null {
  if (!(value instanceof PDFArray)) return null;
  const numbers = value.asArray().map((item) => (item instanceof PDFNumber ? item.asNumber() : Number.NaN));
  return numbers.length === 4 && numbers.every(Number.isSafeInteger) ? numbers : null;
}

function contents(value: PDFObject | undefined): Uint8Array | null {
  if (value instanceof PDFHexString) return value.asBytes();
  if (value instanceof PDFString) return value.asBytes();
  return null;
}

function readSignature(fieldName: string | null, value: PDFDict): PdfSignatureField {
  const get = (key: string) => value.lookup(PDFName.of(key));
  const subFilter = get('SubFilter');
  return {
    fieldName,
    subFilter: subFilter instanceof PDFName ? subFilter.decodeText() : null,
    byteRange: byteRange(get('ByteRange')),
    contents: contents(get('Contents')),
    claimedSigningTime: date(get('M')),
    name: text(get('Name')),
    reason: text(get('Reason')),
    location: text(get('Location')),
  };
}

/**
 * Loads a PDF and lists its signature fields that hold a signature, walking the AcroForm field tree (ISO
 * 32000-1 §12.7.3.1), where /FT is inherited from parents. pdf-lib yields to the event loop while parsing.
 */
export async function readSignatureFields(
  pdf: Uint8Array,
  limits: FieldLimits,
): Promise<PdfSignatureField[]> {
  const document = await PDFDocument.load(pdf, {
    ignoreEncryption: true,
    throwOnInvalidObject: false,
    updateMetadata: false,
    parseSpeed: 200,
  });
  const acroForm = document.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const roots = acroForm?.lookupMaybe(PDFName.of('Fields'), PDFArray);
  if (!roots) return [];

  const found: PdfSignatureField[] = [];
  const seen = new Set<string>();
  const pending: { item: PDFObject; inheritedType: string | null; parentName: string | null }[] = roots
    .asArray()
    .map((item) => ({ item, inheritedType: null, parentName: null }));
  for (let visited = 0; pending.length > 0 && visited < limits.maxNodes; visited++) {
    const { item, inheritedType, parentName } = pending.pop() as (typeof pending)[number];
    if (item instanceof PDFRef) {
      if (seen.has(item.tag)) continue;
      seen.add(item.tag);
    }
    const field = item instanceof PDFRef ? document.context.lookup(item) : item;
    if (!(field instanceof PDFDict)) continue;
    const ownType = field.lookup(PDFName.of('FT'));
    const type = ownType instanceof PDFName ? ownType.decodeText() : inheritedType;
    const partial = text(field.lookup(PDFName.of('T')));
    const fieldName =
      partial === null ? parentName : parentName === null ? partial : `${parentName}.${partial}`;
    const value = field.lookup(PDFName.of('V'));
    if (type === 'Sig' && value instanceof PDFDict) found.push(readSignature(fieldName, value));
    const kids = field.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) {
      for (const kid of kids.asArray())
        pending.push({ item: kid, inheritedType: type, parentName: fieldName });
    }
  }
  return found;
}
