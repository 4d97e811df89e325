/**
 * A PDF text string as a hex string of UTF-16BE with its byte-order mark (ISO 32000-1 §7.9.2.2), the one
 * encoding every reader decodes for Vietnamese. Pure ASCII, so it can be written anywhere in a PDF.
 */
export function pdfTextString(text: string): string {
  const utf16be = Buffer.from(text.normalize('NFC'), 'utf16le').swap16();
  return `<feff${utf16be.toString('hex')}>`;
}
