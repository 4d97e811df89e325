import type { NationalProcedure, RawNationalRecord, ReviewItem } from './model.js';
import { parseApplicants } from './parse-applicants.js';
import { parseChannels } from './parse-channels.js';
import { parseDecision, parseKind, parseLevels } from './parse-classification.js';
import { parseDocuments } from './parse-documents.js';
import { parseLegalBasis } from './parse-legal-basis.js';
import { parseResults } from './parse-results.js';
import { reviewItem } from './review.js';
import { inline, splitCapitalisedList, textOrNull } from './text.js';

const PROCEDURE_CODE = /^\d\.\d{6}$/;
const RELATED_CODE = /\b\d\.\d{6}\b/g;

export interface ParsedRecord {
  procedure: NationalProcedure;
  /** Every piece that could not be parsed for sure, verbatim, with its field and reason. */
  review: ReviewItem[];
  /** Whether the channel table and the document table gave at least one entry (for coverage counts). */
  tables: { channels: boolean; documents: boolean };
}

/** One national portal record → the catalogue's structured procedure and what a controller must review. */
export function parseRecord(record: RawNationalRecord): ParsedRecord {
  const review: ReviewItem[] = [];
  const take = <T extends { review: ReviewItem[] }>(parsed: T): T => {
    review.push(...parsed.review);
    return parsed;
  };

  const code = inline(record.ma_thu_tuc);
  if (!PROCEDURE_CODE.test(code)) review.push(reviewItem('ma_thu_tuc', 'code_malformed', code));
  const { decisions } = take(parseDecision(record.so_quyet_dinh));
  const { levels } = take(parseLevels(record.cap_thuc_hien));
  const { kind } = take(parseKind(record.loai_thu_tuc));
  const { applicants } = take(parseApplicants(record.doi_tuong_thuc_hien));
  const channels = take(parseChannels(record.cach_thuc_thuc_hien));
  const documents = take(parseDocuments(record.thanh_phan_ho_so));
  const { legalBasis } = take(parseLegalBasis(record.can_cu_phap_ly));
  const { results, note } = take(parseResults(record.ket_qua_xu_ly));

  return {
    procedure: {
      code,
      name: inline(record.ten_thu_tuc),
      sourceUrl: inline(record.detail_url) || null,
      ministryFolder: inline(record.ministry_folder) || null,
      decisions,
      levels,
      kind,
      field: inline(record.linh_vuc),
      applicants,
      competentAgencies: splitCapitalisedList(record.co_quan_co_tham_quyen ?? ''),
      handlingAgencies: splitCapitalisedList(record.co_quan_thuc_hien ?? ''),
      coordinatingAgencies: splitCapitalisedList(record.co_quan_phoi_hop ?? ''),
      delegatedAgencies: splitCapitalisedList(record.co_quan_duoc_uy_quyen ?? ''),
      whereToFile: textOrNull(record.dia_chi_tiep_nhan),
      steps: textOrNull(record.trinh_tu_thuc_hien),
      channels: channels.channels,
      documents: documents.documents,
      documentNotes: documents.notes,
      legalBasis,
      conditions: textOrNull(record.yeu_cau_dieu_kien),
      results,
      note,
      relatedProcedures: [...new Set((record.thu_tuc_lien_quan ?? '').match(RELATED_CODE) ?? [])],
    },
    review,
    tables: { channels: channels.channels.length > 0, documents: documents.documents.length > 0 },
  };
}
