import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type pdfmakeModule from 'pdfmake';

/**
 * The form fonts, read once per thread, and parsed once per thread.
 *
 * pdfkit (under pdfmake) parses every font again for every document: for a one-page result notice that was two
 * thirds of its render time, and the signing step of every dossier renders one. The parsed font is read-only once
 * built (each document takes its own subset of it), so the fonts are handed to pdfmake as these buffers (through its in-memory file system) and
 * fontkit's `create` answers them from a per-thread memo. The memo has to be in the module cache before pdfkit is
 * loaded, so pdfmake is loaded here, after it: forms take `pdfmake` from this module, never from the package.
 */

const require = createRequire(import.meta.url);
const pdfmakeDir = path.dirname(require.resolve('pdfmake/package.json'));
const fontDir = path.join(pdfmakeDir, 'fonts', 'Roboto');

const files = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
} as const;

/** Roboto (shipped with pdfmake) is a full TTF with the Vietnamese glyphs; nothing is fetched from the network. */
const fontBuffers: Record<keyof typeof files, Buffer> = {
  normal: readFileSync(path.join(fontDir, files.normal)),
  bold: readFileSync(path.join(fontDir, files.bold)),
  italics: readFileSync(path.join(fontDir, files.italics)),
  bolditalics: readFileSync(path.join(fontDir, files.bolditalics)),
};

type Create = (buffer: Uint8Array, postscriptName?: string) => unknown;

const parsed = new WeakMap<Uint8Array, unknown>();
const ours = new Set<Uint8Array>(Object.values(fontBuffers));
let parses = 0;

interface Glyph {
  codePoints: number[];
}
interface GlyphSource {
  getGlyph(id: number, codePoints?: number[]): Glyph;
}

/**
 * fontkit caches a glyph with the characters it was first asked for. Subsetting asks for the parts of an accented
 * letter (the O inside Ộ) with none, which is harmless inside one document, whose text is laid out before it is
 * subset; with a font shared across documents the next document would find O without its character and the PDF's
 * text layer would lose it. A glyph asked for with characters therefore gets them when it has none.
 */
function keepCodePoints(font: GlyphSource): GlyphSource {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id, codePoints = []) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph.codePoints.length === 0 && codePoints.length > 0) glyph.codePoints = codePoints;
    return glyph;
  };
  return font;
}

function installMemo(): boolean {
  const pdfkitPath = require.resolve('pdfkit', { paths: [pdfmakeDir] });
  // pdfkit keeps the fontkit it loaded first; after that, nothing placed in the cache reaches it.
  if (require.cache[pdfkitPath]) return false;
  const fontkitPath = require.resolve('fontkit', { paths: [path.dirname(pdfkitPath)] });
  const fontkit = require(fontkitPath) as { create: Create };
  const entry = require.cache[fontkitPath];
  if (!entry) return false;
  const create: Create = (buffer, postscriptName) => {
    if (postscriptName !== undefined || !ours.has(buffer)) return fontkit.create(buffer, postscriptName);
    let font = parsed.get(buffer);
    if (font === undefined) {
      parses += 1;
      font = keepCodePoints(fontkit.create(buffer) as GlyphSource);
      parsed.set(buffer, font);
    }
    return font;
  };
  entry.exports = { ...fontkit, create };
  return true;
}

const installed = installMemo();

/** pdfmake, loaded once the memo is in place, with the fonts in its in-memory file system and no other access. */
export const pdfmake = require('pdfmake') as typeof pdfmakeModule;
const roboto: Record<string, string> = {};
for (const [style, buffer] of Object.entries(fontBuffers)) {
  const name = `motcua-roboto-${style}.ttf`;
  pdfmake.virtualfs.writeFileSync(name, buffer);
  roboto[style] = name;
}
pdfmake.setFonts({ Roboto: roboto });
// Forms never read the network or the disk.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(() => false);

/** Whether this thread reuses parsed fonts, and how many times it parsed one (for tests and diagnostics). */
export function fontMemoState(): { installed: boolean; parses: number } {
  return { installed, parses };
}
