import { PDFParse } from 'pdf-parse';

/** The text layer of a PDF, as a reader would copy it, in NFC. */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text.normalize('NFC');
  } finally {
    await parser.destroy();
  }
}
