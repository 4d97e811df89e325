import type { PayloadOf } from '../events.js';
import { digitisedOutcome } from './digitised.js';
import { clockTime } from './forms.js';
import { type FormSpec, fields } from './render.js';

function longDate(instant: number): string {
  const text = clockTime(instant);
  return `ngày ${text.slice(6, 8)} tháng ${text.slice(9, 11)} năm ${text.slice(12, 16)}`;
}

export interface SealInput {
  dossierCode: string;
  agencyName: string;
  parentName: string;
  procedureName: string;
  officerName: string;
  at: number;
  documents: PayloadOf<'digitise'>['documents'];
  verifyUrl: string;
}

/**
 * The record that seals a scan set (Circular 01/2023/TT-VPCP art. 8: one image per page, in order, integrity
 * kept): every document with its pages and the SHA-256 of each file, or why it was not scanned. It is signed
 * with the receiving unit's key, so a changed, missing or reordered page is detected.
 */
export function scanSealForm(input: SealInput): FormSpec {
  return {
    formNumber: 'Biên bản số hóa',
    agencyName: input.agencyName,
    parentName: input.parentName,
    documentNumber: `${input.dossierCode}/SH`,
    place: 'Cần Thơ',
    date: longDate(input.at),
    title: 'Biên bản số hóa hồ sơ giấy',
    subtitle: `Mã hồ sơ: ${input.dossierCode}`,
    pageSize: 'A4',
    body: [
      fields([
        ['Thủ tục', input.procedureName],
        ['Thời gian số hóa', clockTime(input.at)],
        ['Người số hóa', input.officerName],
      ]),
      {
        table: {
          headerRows: 1,
          widths: [18, '*', 70, '*'],
          body: [
            ['STT', 'Giấy tờ', 'Kết quả', 'Tệp (trang theo thứ tự) và mã SHA-256'].map((text) => ({
              text,
              bold: true,
              fontSize: 8,
            })),
            ...input.documents.map((d, i) => [
              { text: String(i + 1), fontSize: 8 },
              { text: d.name, fontSize: 8 },
              {
                text: digitisedOutcome(d),
                fontSize: 8,
              },
              {
                text: d.pages.map((p, n) => `${n + 1}. ${p.name}\n${p.sha256}`).join('\n') || '—',
                fontSize: 6,
              },
            ]),
          ],
        },
      },
      {
        text: 'Bản số hóa được ký số bằng chứng thư số của đơn vị tiếp nhận; mọi thay đổi nội dung, thứ tự hoặc số trang đều làm chữ ký không còn hợp lệ.',
        italics: true,
        fontSize: 8,
        margin: [0, 6, 0, 0],
      },
    ],
    signatures: { right: { title: 'NGƯỜI SỐ HÓA', name: input.officerName } },
    qrUrl: input.verifyUrl,
    qrCaption: 'Xác thực văn bản điện tử',
  };
}

export interface NoticeInput {
  dossierCode: string;
  agencyName: string;
  parentName: string;
  procedureName: string;
  applicantName: string;
  receivedAt: number | null;
  at: number;
  verifyUrl: string;
}

/**
 * When no result document was attached, what is signed is a notice that the dossier was decided, naming the
 * dossier, the procedure and the agency. It says plainly that it is not the result document itself.
 */
export function resultNoticeForm(input: NoticeInput): FormSpec {
  return {
    formNumber: 'Thông báo',
    agencyName: input.agencyName,
    parentName: input.parentName,
    documentNumber: `${input.dossierCode}/KQ`,
    place: 'Cần Thơ',
    date: longDate(input.at),
    title: 'Thông báo kết quả giải quyết hồ sơ',
    subtitle: `Mã hồ sơ: ${input.dossierCode}`,
    body: [
      fields([
        ['Kính gửi', input.applicantName],
        ['Thủ tục', input.procedureName],
        ['Thời gian tiếp nhận', clockTime(input.receivedAt)],
        ['Cơ quan giải quyết', input.agencyName],
      ]),
      {
        text: `${input.agencyName} đã giải quyết xong hồ sơ nêu trên. Kết quả giải quyết được trả theo hình thức ông/bà đã đăng ký.`,
        margin: [0, 4, 0, 4],
      },
      {
        text: 'Thông báo này là văn bản điện tử có chữ ký số của cơ quan giải quyết; không thay thế giấy tờ kết quả.',
        italics: true,
        fontSize: 8,
      },
    ],
    signatures: { right: { title: 'CƠ QUAN GIẢI QUYẾT', name: input.agencyName } },
    qrUrl: input.verifyUrl,
    qrCaption: 'Xác thực văn bản điện tử',
  };
}
