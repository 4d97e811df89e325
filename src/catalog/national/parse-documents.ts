import type { DocumentForm, NationalDocument, ReviewItem } from './model.js';
import { reviewItem } from './review.js';
import { inline, isNoInformation } from './text.js';

const FIELD = 'thanh_phan_ho_so';
const HEADER = 'Tên giấy tờMẫu đơn, tờ khaiSố lượng';

/**
 * The "Số lượng" cell: "1 bản chính" or "0 bản chính,1 bản sao". In the flattened text it is glued to the name
 * before it and to the next row after it; the same words inside a name ("nộp 01 bản chính hoặc …", "(01 bản
 * chính)") are told apart by what follows them.
 */
const COUNT = /(\d+) bản chính(?:,\s?(\d+) bản sao)?/g;

interface CountCell {
  start: number;
  end: number;
  originals: number | null;
  copies: number | null;
  /** The name ends with digits glued to the count ("Mẫu số 181 bản chính"): the split is not certain. */
  ambiguous: boolean;
  /** Digits the name keeps when the count is read from a year ("… ngày 01/01/20261 bản chính"). */
  nameDigits: string;
}

/**
 * A year glued to a one-digit count ("ngày 31/12/20251 bản chính") splits for sure: years have four digits. Every
 * count the portal shows unglued is one digit, but a name ending in another number ("Mẫu số 181") stays unsure.
 */
function readCount(body: string, match: RegExpExecArray, rowStart: number): CountCell | null {
  const digits = match[1] ?? '';
  const end = match.index + match[0].length;
  if (match.index === rowStart) return null;
  const next = body.slice(end, end + 2);
  if (/^[);.,:]/.test(next)) return null;
  // "…: 01 bản chính1 bản chính": the name's own words run into the count cell.
  if (/^\d+ bản chính/.test(body.slice(end))) return null;
  if (/^\s/.test(next) && (digits.length > 1 || /^\s\p{Ll}/u.test(next))) return null;
  const copies = match[2] === undefined ? 0 : Number(match[2]);
  const base = { start: match.index, end, copies };
  if (digits.length === 1) return { ...base, originals: Number(digits), ambiguous: false, nameDigits: '' };
  const year = /^((?:19|20)\d\d)(\d)$/.exec(digits);
  if (year?.[1] && year[2] && /[/\s]$/.test(body.slice(rowStart, match.index))) {
    return { ...base, originals: Number(year[2]), ambiguous: false, nameDigits: year[1] };
  }
  return { ...base, originals: null, ambiguous: true, nameDigits: digits.slice(0, -1) };
}

/** No case folding here: with it, \p{Ll} would also match the capital that starts the next file name. */
const EXTENSION =
  /\.(?:docx|doc|xlsx|xls|pdf|rar|zip|odt|ods|rtf|jpeg|jpg|png|DOCX|DOC|XLSX|XLS|PDF)(?![\p{Ll}\d])/gu;
/** File names the portal lists are often named after the form: "Mẫu số 01.docx", "Mau 38 - Phu luc II….docx". */
const FORM_FILE_START = /^(?:Mẫu|Mau|Mus|Phụ lục|Phu luc)/u;
/** How far back from its extension a template's name may start. */
const TEMPLATE_REACH = 90;

/**
 * Where the first template file name starts after the document's name: the portal glued the two cells, so the
 * seam shows as ";" or ")" or "." followed by a letter, a lower-case letter followed by a capital ("khoáng
 * sảnMau 08") or by a numbered file name ("quy định1.7. Quyet dinh"), or a capital run followed by a form file
 * name ("TT-BNNMTMẫu số 05"). Seams ";" and ")" + letter do not occur inside the file names: the last wins. Otherwise the earliest other seam wins, since file names
 * themselves may be camel-cased. Null when no seam is visible.
 */
function templateStart(text: string): number | null {
  const from = Math.max(1, text.length - TEMPLATE_REACH);
  let strong: number | null = null;
  let weak: number | null = null;
  for (let j = from; j < text.length; j++) {
    const previous = text[j - 1] ?? '';
    const current = text[j] ?? '';
    const beforePrevious = text[j - 2] ?? '';
    if (/\s/.test(current)) continue;
    if (previous === ';' || (previous === ')' && /[\p{L}\d~]/u.test(current))) strong = j;
    else if (weak === null) {
      const seam =
        (previous === '.' && /[\p{L}.)\s]/u.test(beforePrevious) && /[\p{L}\d]/u.test(current)) ||
        (/\p{Ll}/u.test(previous) && /\p{Lu}/u.test(current)) ||
        (/[\p{Lu}\d]/u.test(previous) && FORM_FILE_START.test(text.slice(j))) ||
        (/\p{Ll}/u.test(previous) && /^\d+[.\-_]/.test(text.slice(j)));
      if (seam) weak = j;
    }
  }
  return strong ?? weak;
}

/** "- Tờ khai …", "+ Giấy …": list marks are layout, not part of the name (enumerations like "a)" are kept). */
function withoutBullet(text: string): string {
  return inline(text).replace(/^[-+*•–]+\s*/u, '');
}

/** Splits a row's text into the document's name and the template file names glued after it. */
function splitTemplates(text: string): { name: string; templates: string[]; unsplit: boolean } {
  const ends = [...text.matchAll(EXTENSION)].map((m) => m.index + m[0].length);
  const last = ends.at(-1);
  if (last === undefined || text.slice(last).trim() !== '')
    return { name: withoutBullet(text), templates: [], unsplit: false };
  const firstEnd = ends[0] ?? last;
  const firstExtension = text.slice(0, firstEnd).search(/\.[^.]+$/);
  const start = templateStart(text.slice(0, firstExtension));
  if (start === null) return { name: withoutBullet(text), templates: [], unsplit: true };
  const templates = ends.map((end, i) => inline(text.slice(i === 0 ? start : (ends[i - 1] ?? start), end)));
  return { name: withoutBullet(text.slice(0, start)), templates: templates.filter(Boolean), unsplit: false };
}

const CERTIFIED = /bản sao (?:có |được )?chứng thực/iu;
const EITHER = /bản chính hoặc bản sao|bản sao hoặc bản chính|bản chính hoặc bản chụp/iu;

/** The form the name asks for when it says so, otherwise what the counts say. */
function formOf(name: string, originals: number | null, copies: number | null): DocumentForm | null {
  if (EITHER.test(name)) return 'original_or_copy';
  if (CERTIFIED.test(name) && !/hoặc bản (?:chính|sao|chụp)/iu.test(name)) return 'certified_copy';
  if (originals === null || copies === null) return null;
  if (originals > 0 && copies > 0) return 'original_and_copy';
  if (originals > 0) return 'original';
  if (copies > 0) return 'copy';
  return null;
}

/** "Trường hợp …", "Đối với …", "Nếu …" headings (and rows) say when the documents under them are required. */
const CONDITION = /^(?:[-+*•]+\s*|\(?[\p{L}\d.]{1,4}\)\s*)*(?:trường hợp|đối với|nếu|khi)\b/iu;

/** Where the case a row names ends: "Trường hợp trẻ em bị bỏ rơi thì phải có biên bản …". */
const CASE_END = /\s+thì\s|\s+phải\s|,\s|:\s|;\s/u;

/**
 * A row that itself begins with a case ("Trường hợp …", "Đối với …", "Nếu …") is required in that case only: the
 * clause up to "thì", "phải" or the first comma is its condition; the whole name when the clause has no end.
 */
function conditionOfRow(name: string): string | null {
  if (!CONDITION.test(name)) return null;
  const end = name.search(CASE_END);
  return inline(end > 0 ? name.slice(0, end) : name).replace(/[.;,:]$/u, '');
}

function headingOf(text: string): string | null {
  const heading = inline(text);
  return heading && !/^-+$/.test(heading) ? heading : null;
}

/** List marks and enumerations before a row's first word: "- ", "+ ", "(ii) ", "a) ", "1. ". */
const LEAD = /^(?:[-+*•–!.(\s]+|\(?[\p{L}\d.]{1,5}\)\s*|\d+(?:\.\d+)*[.)]?\s+)*/u;
const bare = (name: string) => name.replace(LEAD, '');

/** A table under "Lưu ý", "Ghi chú" or "Chú ý" holds remarks, whatever its count cells say. */
const NOTE_HEADING = /^(?:Lưu ý|Ghi chú|Chú ý)(?!\p{L})/iu;

/** "Số lượng hồ sơ: 01 bộ" tells how many sets to hand in, which is not a document of the set. */
const SET_COUNT =
  /^(?:Số lượng hồ sơ|Số lượng bộ hồ sơ|Số bộ hồ sơ|Số lượng mỗi thành phần|\d+\)?\s*bộ hồ sơ)(?!\p{L})/iu;

/** The portal's way of saying that the procedure asks for no document. */
const NOTHING_REQUIRED = /^(?:không quy định|không yêu cầu)\.?$/iu;

/** Who or what a guidance sentence is about: the officer, the applicant, the agency, an act, a deadline. */
const GUIDANCE_SUBJECT =
  /^(?:Người tiếp nhận|Người yêu cầu|Người có yêu cầu|Người đi đăng ký|Người ủy quyền và|Người nộp thuế không|Cơ quan|Cá nhân có quyền|Việc|Ví dụ|Chậm nhất|Trong thời hạn|Khi đến|Phiếu này|Phiếu được)(?!\p{L})/iu;

/** What a case sentence says when it relieves, permits or instructs rather than asks for a paper. */
const GUIDANCE_CLAUSE =
  /không phải|không cần|không được|không bao gồm|chỉ cần|có trách nhiệm|được sử dụng|có thể|được hệ thống|thì cơ quan|yêu cầu người/iu;

/** Rules about papers in general ("Giấy tờ do cơ quan … nước ngoài cấp … phải được hợp pháp hóa lãnh sự"). */
const PAPERS_RULE =
  /^(?:Giấy tờ|Các giấy tờ|Bản chụp các giấy tờ)(?!\p{L}).*\sphải (?:bảo đảm|được hợp pháp hóa|được hợp pháp hoá)/iu;

/** A row that begins with a case, after its list marks and an opening bracket. */
const CASE_START =
  /^(?:trường hợp|trong trường hợp|đối với|nếu|khi|tùy trường hợp|tuỳ trường hợp)(?!\p{L})/iu;

/** The words real documents are named with. */
const DOCUMENT_NOUN =
  /^(?:Tờ khai|Tờ trình|Tờ bản đồ|Giấy|Văn bản|Bản|Đơn|Sổ|Hộ chiếu|Thẻ|Căn cước|Hóa đơn|Hoá đơn|Hợp đồng|Chứng từ|Chứng cứ|Chứng chỉ|Chứng nhận|Sơ đồ|Sơ họa|Bảng|Báo cáo|Vận đơn|Hồ sơ|Phiếu|Danh sách|Danh mục|Quyết định|Biên bản|Biên lai|Vận tải đơn|Phương án|Tài liệu|Các tài liệu|Các giấy tờ|Thông báo|Dự thảo|Dự án|Đề án|Công văn|Nghị quyết|Mẫu|Ảnh|\d+ ảnh|Trích lục|Trích sao|Bằng|Kế hoạch|Điều lệ|Thư|Cam kết|Ý kiến|Kết quả|Hình ảnh|Lý lịch|Thuyết minh|Quy chế|Quy trình|Chương trình|Dữ liệu|Tệp)(?!\p{L})/iu;

/**
 * What a row of a document table is. The portal's tables also carry headings, remarks and guidance, most with a
 * "0 bản chính" count cell; only documents become documents, and a row that cannot be told for sure is neither.
 */
type RowKind = 'document' | 'heading' | 'note' | 'unclassified';

function rowKind(name: string, originals: number | null, copies: number | null, inNotes: boolean): RowKind {
  const words = bare(name);
  if (inNotes || NOTE_HEADING.test(words) || SET_COUNT.test(words) || NOTHING_REQUIRED.test(words))
    return 'note';
  // A count the portal asks for (or one that could not be read) is taken as the table states it.
  if (originals !== 0 || copies !== 0) return 'document';
  if (/:\s*$/u.test(name)) return 'heading';
  if (GUIDANCE_SUBJECT.test(words) || PAPERS_RULE.test(words)) return 'note';
  if (CASE_START.test(words)) return GUIDANCE_CLAUSE.test(words) ? 'note' : 'unclassified';
  return DOCUMENT_NOUN.test(words) ? 'document' : 'unclassified';
}

/**
 * A row the portal counts copies for although it reads as guidance ("Người ủy quyền và người được ủy quyền … chịu
 * trách nhiệm …1 bản chính", "Trường hợp … thì chỉ cần gửi …"): the count may be the table's default, or the row a
 * conditional document; it stays a document and a controller settles it.
 */
function readsAsGuidance(name: string): boolean {
  const words = bare(name);
  return GUIDANCE_SUBJECT.test(words) || (CASE_START.test(words) && GUIDANCE_CLAUSE.test(words));
}

/** A heading that only announces the list ("… các giấy tờ sau:", "… gồm:") names no case. */
const ANNOUNCES_LIST = /(?:sau|gồm|bao gồm|cụ thể)\s*:\s*$/iu;

/**
 * A heading that announces the list and names neither a case nor a document: "Người có yêu cầu … nộp … các giấy
 * tờ sau:". One that names a document ("Chứng cứ chứng minh quan hệ cha, con gồm:") is a document offered in
 * several forms, which a controller settles.
 */
function announcesList(heading: string): boolean {
  const words = bare(heading);
  return ANNOUNCES_LIST.test(heading) && !CASE_START.test(words) && !DOCUMENT_NOUN.test(words);
}

export interface ParsedDocuments {
  /** False when the field has no document table. */
  hasTable: boolean;
  documents: NationalDocument[];
  /** Remarks and guidance the tables carry between their documents, verbatim. */
  notes: string[];
  review: ReviewItem[];
}

/**
 * The document tables ("Tên giấy tờ | Mẫu đơn, tờ khai | Số lượng") flattened to text, each after its heading.
 * Every row ends with its count cell; what follows the last row of a table is the next table's heading.
 */
export function parseDocuments(rawField: string | undefined): ParsedDocuments {
  const text = (rawField ?? '').normalize('NFC');
  const review: ReviewItem[] = [];
  if (!text.includes(HEADER)) {
    const rest = inline(text);
    if (rest && !isNoInformation(rest)) review.push(reviewItem(FIELD, 'documents_table_missing', rest));
    return { hasTable: false, documents: [], notes: [], review };
  }
  const parts = text.split(HEADER);
  const documents: NationalDocument[] = [];
  const notes: string[] = [];
  /** Where a row that is not a document goes: remarks to the notes, the rest to review, verbatim. */
  const setAside = (kind: Exclude<RowKind, 'document'>, name: string, raw: string) => {
    if (kind === 'note') notes.push(name);
    else if (kind === 'heading' && announcesList(name)) notes.push(name);
    else if (kind === 'heading') review.push(reviewItem(FIELD, 'document_heading_in_table', raw));
    else review.push(reviewItem(FIELD, 'document_row_unclassified', raw));
  };
  let heading = headingOf(parts[0] ?? '');
  parts.slice(1).forEach((body, index) => {
    const isLast = index === parts.length - 2;
    // Only the heading before a table groups its rows: a heading inside a table ("- Đối với xe công vụ gồm:0 bản
    // chính") conditions none of the rows after it, since the portal does not keep rows in their order.
    const group = heading;
    const condition = group && CONDITION.test(group) ? group : null;
    const inNotes = group !== null && NOTE_HEADING.test(bare(group));
    let rowStart = 0;
    for (const match of body.matchAll(COUNT)) {
      const count = readCount(body, match, rowStart);
      if (!count) continue;
      const rowText = body.slice(rowStart, count.start) + count.nameDigits;
      const raw = inline(body.slice(rowStart, count.end));
      rowStart = count.end;
      const { name, templates, unsplit } = splitTemplates(rowText);
      const kind = rowKind(name || raw, count.originals, count.copies, inNotes);
      if (kind !== 'document') {
        setAside(kind, name || raw, raw);
        continue;
      }
      if (count.ambiguous) review.push(reviewItem(FIELD, 'document_copies_ambiguous', raw));
      if (readsAsGuidance(name || raw)) review.push(reviewItem(FIELD, 'document_reads_as_guidance', raw));
      if (unsplit) review.push(reviewItem(FIELD, 'document_template_unsplit', raw));
      documents.push({
        name: name || raw,
        templates,
        originals: count.originals,
        copies: count.copies,
        form: formOf(name, count.originals, count.copies),
        group,
        condition: condition ?? conditionOfRow(name),
        raw,
      });
    }
    const rest = body.slice(rowStart);
    if (!isLast) {
      heading = headingOf(rest);
      return;
    }
    const trailing = inline(rest);
    if (trailing && !/^-+$/.test(trailing)) {
      const kind = rowKind(trailing, null, null, inNotes);
      if (kind !== 'document') {
        setAside(kind, trailing, trailing);
        return;
      }
      review.push(reviewItem(FIELD, 'document_without_copies', trailing));
      const { name, templates } = splitTemplates(trailing);
      documents.push({
        name: name || trailing,
        templates,
        originals: null,
        copies: null,
        form: formOf(name, null, null),
        group,
        condition: condition ?? conditionOfRow(name),
        raw: trailing,
      });
    }
  });
  return { hasTable: true, documents, notes, review };
}
