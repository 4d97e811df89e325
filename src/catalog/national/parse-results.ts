import type { NationalResult, ReviewItem } from './model.js';
import { reviewItem } from './review.js';
import { inline, isNoInformation } from './text.js';

const FIELD = 'ket_qua_xu_ly';
/** The national result code: "KQ.G01.000291" (G: ministries' lists, H: local lists). */
const STANDARD_CODE = /^KQ\.[GH]\d{2}\.\d{6}(?!\d)/u;
/** Other codes the portal shows ("KQ.G12.00043", "000.00.00.G12-KQ0001", "VBTT") end where the next name starts. */
const OTHER_CODE = /^[A-Z0-9][A-Z0-9.-]*?(?=\p{Lu}\p{Ll}|\p{Ll}|\s|$)/u;
/** The page's search widget follows the results: "Từ khóa…Mô tả…Chọn cơ quan thực hiện…Nộp hồ sơ". */
const PAGE_TAIL = /Từ khóa(.*?)Mô tả(.*?)(?:Chọn cơ quan thực hiện.*)?$/su;

export interface ParsedResults {
  results: NationalResult[];
  /** The page's own description of the procedure, when it says something. */
  note: string | null;
  review: ReviewItem[];
}

/** "<name>Mã: <code><name>Mã: <code>…" followed by the page's search widget. */
export function parseResults(rawField: string | undefined): ParsedResults {
  const text = inline(rawField);
  const review: ReviewItem[] = [];
  const tail = PAGE_TAIL.exec(text);
  const body = tail ? text.slice(0, tail.index) : text;
  const description = inline(tail?.[2]);
  const note = description && !isNoInformation(description) ? description : null;
  if (!body || isNoInformation(body)) return { results: [], note, review };

  const results: NationalResult[] = [];
  const pieces = body.split(/Mã:\s*/u);
  let name = inline(pieces[0]);
  for (const piece of pieces.slice(1)) {
    const code = STANDARD_CODE.exec(piece)?.[0] ?? OTHER_CODE.exec(piece)?.[0] ?? '';
    if (!code) review.push(reviewItem(FIELD, 'result_code_missing', `${name} Mã: ${piece}`));
    else if (!STANDARD_CODE.test(code)) review.push(reviewItem(FIELD, 'result_code_nonstandard', code, name));
    if (name) results.push({ name, code: code || null });
    else review.push(reviewItem(FIELD, 'result_text_unparsed', `Mã: ${code}`));
    name = inline(piece.slice(code.length));
  }
  if (name) {
    review.push(reviewItem(FIELD, 'result_code_missing', name));
    results.push({ name, code: null });
  }
  return { results, note, review };
}
