import { AppError } from './errors.js';

/** Limits on the shape of any input, whatever the route: deeper or bigger JSON is refused before validation. */
export const INPUT_LIMITS = {
  /** Nesting of objects and arrays (an e-form with question groups needs a handful of levels). */
  maxDepth: 32,
  /** Values (object members, array items and scalars) in one body. */
  maxNodes: 50_000,
  /** Characters in one string of a body, query or path (longer texts are refused by the route's schema first). */
  maxStringLength: 100_000,
} as const;

// A UTF-16 high surrogate not followed by a low one, or a low one not preceded by a high one: no character.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function refuse(
  code: 'INVALID_TEXT' | 'INPUT_TOO_DEEP' | 'INPUT_TOO_LARGE',
  field: string,
  message: string,
): never {
  throw new AppError(code, message, [{ field, message }]);
}

/** A string as the system stores it: NFC, without NUL or lone surrogates (which PostgreSQL and people cannot read). */
export function cleanString(value: string, field: string): string {
  if (value.length > INPUT_LIMITS.maxStringLength)
    refuse('INPUT_TOO_LARGE', field, `Văn bản quá dài (tối đa ${INPUT_LIMITS.maxStringLength} ký tự).`);
  if (value.includes('\u0000'))
    refuse('INVALID_TEXT', field, 'Văn bản chứa ký tự NUL (U+0000) không hợp lệ.');
  if (LONE_SURROGATE.test(value))
    refuse('INVALID_TEXT', field, 'Văn bản chứa ký tự không hợp lệ (nửa cặp mã UTF-16).');
  return value.normalize('NFC');
}

/**
 * Walks a parsed input (JSON body, query, path parameters): every string and key is cleaned, and the depth
 * and size are bounded, iteratively so that no input can overflow the stack. Returns the cleaned copy.
 */
export function cleanInput(value: unknown, root: string): unknown {
  let nodes = 0;
  const visit = (node: unknown, path: string, depth: number): unknown => {
    nodes++;
    if (nodes > INPUT_LIMITS.maxNodes)
      refuse('INPUT_TOO_LARGE', root, `Dữ liệu có quá nhiều phần tử (tối đa ${INPUT_LIMITS.maxNodes}).`);
    if (typeof node === 'string') return cleanString(node, path);
    if (node === null || typeof node !== 'object') return node;
    if (depth >= INPUT_LIMITS.maxDepth)
      refuse('INPUT_TOO_DEEP', path, `Dữ liệu lồng quá sâu (tối đa ${INPUT_LIMITS.maxDepth} cấp).`);
    if (Array.isArray(node)) return node.map((item, i) => visit(item, `${path}.${i}`, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(node)) {
      const cleanKey = cleanString(key, path);
      out[cleanKey] = visit(item, `${path}.${cleanKey}`, depth + 1);
    }
    return out;
  };
  return visit(value, root, 0);
}

/**
 * Whether JSON text nests deeper than `max`, found in one pass over the text (strings skipped) before any
 * parser sees it, so a body of 100,000 opening brackets costs a scan, not a parser's stack.
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
