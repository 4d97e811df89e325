import type { Timeliness } from '../../calendar/classify.js';
import { formatVnInstant } from '../../calendar/dates.js';
import type { TimeLimit } from '../../calendar/time-limit.js';
import type { DossierEvent, EventAction, EventOf } from '../events.js';
import type { DossierRow } from '../store.js';
import type { SlipRow } from './control-slip.js';
import { digitisedList } from './digitised.js';
import { type Content, type FormSpec, fields } from './render.js';

export interface FormContext {
  dossier: DossierRow;
  procedureName: string;
  timeLimit: TimeLimit;
  receivingAgencyName: string;
  handlingAgencyName: string;
  parentName: string;
  events: DossierEvent[];
  userNames: Map<number, string>;
  stepNames: Map<string, string>;
  /** Reception and return steps: they happen at the receiving centre, whatever agency handles the dossier. */
  frontDeskSteps: Set<string>;
  agencyNames: Map<string, string>;
  trackUrl: string;
  slipRows: SlipRow[];
}

/** "hh:mm dd/mm/yyyy" as the forms of Circular 01/2018 require. */
export function clockTime(instant: number | Date | null): string {
  if (instant === null) return '—';
  const iso = formatVnInstant(typeof instant === 'number' ? instant : instant.getTime());
  return `${iso.slice(11, 16)} ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function longDate(instant: number): string {
  const iso = formatVnInstant(instant);
  return `ngày ${iso.slice(8, 10)} tháng ${iso.slice(5, 7)} năm ${iso.slice(0, 4)}`;
}

export function timeLimitText(limit: TimeLimit): string {
  switch (limit.unit) {
    case 'working_days':
      return `${limit.value} ngày làm việc`;
    case 'working_hours':
      return `${limit.value} giờ làm việc`;
    case 'hours':
      return `${limit.value} giờ`;
    case 'days':
      return `${limit.value} ngày`;
    case 'months':
      return `${limit.value} tháng`;
    case 'same_day':
      return `Trong ngày (tiếp nhận sau ${limit.cutoff ?? '15:00'} trả trong ngày làm việc tiếp theo)`;
    case 'unspecified':
      return 'Theo quy định';
  }
}

const FORM_NAMES: Record<string, string> = {
  original: 'Bản chính',
  copy: 'Bản sao',
  certified_copy: 'Bản sao chứng thực',
};

interface Applicant {
  kind: string;
  fullName: string;
  idNumber: string;
  address?: { line: string; wardCode: string };
  phone?: string;
  email?: string;
}

function applicantOf(ctx: FormContext): Applicant {
  return ctx.dossier.applicant as unknown as Applicant;
}

function applicantFields(ctx: FormContext): Content {
  const a = applicantOf(ctx);
  return fields([
    [a.kind === 'organisation' ? 'Tổ chức' : 'Ông/Bà', a.fullName],
    [a.kind === 'organisation' ? 'Mã số doanh nghiệp/mã số thuế' : 'Số định danh cá nhân', a.idNumber],
    ['Địa chỉ', a.address ? `${a.address.line} (mã xã, phường ${a.address.wardCode})` : null],
    ['Số điện thoại', a.phone],
    ['Thư điện tử', a.email],
  ]);
}

function lastEvent<A extends EventAction>(ctx: FormContext, action: A): EventOf<A> | undefined {
  return [...ctx.events].reverse().find((e): e is EventOf<A> => e.action === action);
}

/** The event a form is about; the caller checked that the dossier has reached it. */
function requireEvent<A extends EventAction>(ctx: FormContext, action: A): EventOf<A> {
  const event = lastEvent(ctx, action);
  if (!event) throw new Error(`dossier ${ctx.dossier.code} has no ${action} event`);
  return event;
}

function actorName(ctx: FormContext, event: DossierEvent | undefined): string {
  return (event?.actorId ? ctx.userNames.get(event.actorId) : undefined) ?? '';
}

function base(
  ctx: FormContext,
  at: number,
): Pick<FormSpec, 'agencyName' | 'parentName' | 'place' | 'date' | 'qrUrl'> {
  return {
    agencyName: ctx.receivingAgencyName,
    parentName: ctx.parentName,
    place: 'Cần Thơ',
    date: longDate(at),
    qrUrl: ctx.trackUrl,
  };
}

/** Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
export function receiptForm(ctx: FormContext): FormSpec {
  const d = ctx.dossier;
  const accepted = d.accepted_at?.getTime() ?? d.submitted_at.getTime();
  const rep = d.representative as unknown as Record<string, string> | null;
  const documents = d.documents as unknown as { name: string; form: string; copies?: number }[];
  return {
    ...base(ctx, accepted),
    formNumber: 'Mẫu số 01',
    documentNumber: `${d.logbook_number ?? '—'}/TNHS`,
    title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    subtitle: `Mã hồ sơ: ${d.code}`,
    body: [
      { text: `${ctx.receivingAgencyName} tiếp nhận hồ sơ của:` },
      applicantFields(ctx),
      rep
        ? fields([
            ['Người được ủy quyền', rep.fullName],
            ['Số định danh', rep.idNumber],
            ['Địa chỉ', rep.address],
            ['Số điện thoại', rep.phone],
            ['Thư điện tử', rep.email],
            ['Giấy ủy quyền', rep.authorisation],
          ])
        : { text: '' },
      fields([['Nội dung yêu cầu giải quyết', ctx.procedureName]]),
      { text: 'Thành phần hồ sơ và số lượng mỗi loại giấy tờ:', bold: true },
      {
        table: {
          headerRows: 1,
          widths: [20, '*', 70, 40],
          body: [
            [
              { text: 'STT', bold: true },
              { text: 'Tên giấy tờ', bold: true },
              { text: 'Hình thức', bold: true },
              { text: 'Số lượng', bold: true },
            ],
            ...(documents.length > 0
              ? documents.map((doc, i) => [
                  String(i + 1),
                  doc.name,
                  FORM_NAMES[doc.form] ?? doc.form,
                  String(doc.copies ?? 1),
                ])
              : [['—', 'Không có', '', '']]),
          ],
        },
        margin: [0, 2, 0, 6],
      },
      ...digitisedList(ctx.events),
      fields([
        ['Số lượng hồ sơ', '01 bộ'],
        ['Thời hạn giải quyết theo quy định', timeLimitText(ctx.timeLimit)],
        ['Thời gian nhận hồ sơ', clockTime(accepted)],
        // The receipt keeps the appointment it was issued with; a later apology re-sets it on its own form.
        ['Thời gian trả kết quả', clockTime(d.original_due_at ?? d.due_at)],
        ['Nơi nhận kết quả', ctx.receivingAgencyName],
        [
          'Vào Sổ theo dõi hồ sơ, Quyển số',
          `${formatVnInstant(accepted).slice(0, 4)}, số thứ tự ${d.logbook_number ?? '—'}`,
        ],
      ]),
    ],
    signatures: {
      left: { title: 'NGƯỜI NỘP HỒ SƠ', name: applicantOf(ctx).fullName },
      right: {
        title: 'NGƯỜI TIẾP NHẬN HỒ SƠ',
        name: actorName(ctx, ctx.events[0]?.action === 'receive' ? ctx.events[0] : lastEvent(ctx, 'accept')),
      },
    },
  };
}

/** Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: everything missing in one go. */
export function supplementForm(ctx: FormContext): FormSpec {
  const event = requireEvent(ctx, 'request_supplement');
  const items = event.payload.items;
  return {
    ...base(ctx, event.at),
    formNumber: 'Mẫu số 02',
    documentNumber: `${ctx.dossier.code}/YCBS`,
    title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
    subtitle: `Mã hồ sơ: ${ctx.dossier.code}`,
    body: [
      {
        text: `${ctx.receivingAgencyName} tiếp nhận hồ sơ đề nghị giải quyết thủ tục: ${ctx.procedureName}`,
        margin: [0, 0, 0, 4],
      },
      applicantFields(ctx),
      { text: 'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:', bold: true },
      { ol: items, margin: [10, 2, 0, 4] },
      fields([
        ['Lý do', event.payload.reason],
        ['Cán bộ liên hệ', actorName(ctx, event)],
      ]),
      {
        text: 'Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ cán bộ nêu trên để được hướng dẫn.',
        italics: true,
      },
    ],
    signatures: { right: { title: 'NGƯỜI HƯỚNG DẪN', name: actorName(ctx, event) } },
  };
}

/** Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export function rejectionForm(ctx: FormContext): FormSpec {
  const event = requireEvent(ctx, 'reject');
  return {
    ...base(ctx, event.at),
    formNumber: 'Mẫu số 03',
    documentNumber: `${ctx.dossier.code}/TC`,
    title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
    subtitle: `Mã hồ sơ: ${ctx.dossier.code}`,
    body: [
      { text: `${ctx.receivingAgencyName} tiếp nhận hồ sơ đề nghị giải quyết thủ tục: ${ctx.procedureName}` },
      applicantFields(ctx),
      {
        text: 'Sau khi xem xét, đối chiếu thành phần hồ sơ, cơ quan không tiếp nhận, giải quyết hồ sơ này với lý do:',
        margin: [0, 4, 0, 2],
      },
      { text: event.payload.reason, bold: true, margin: [10, 0, 0, 6] },
      { text: 'Xin thông báo để ông/bà được biết và thực hiện.' },
    ],
    signatures: {
      left: { title: 'NGƯỜI NỘP HỒ SƠ', name: applicantOf(ctx).fullName },
      right: { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: actorName(ctx, event) },
    },
  };
}

/** Mẫu 04 — Phiếu xin lỗi và hẹn lại ngày trả kết quả, signed by the head of the agency at fault. */
export function apologyForm(ctx: FormContext): FormSpec {
  const event = requireEvent(ctx, 'apologise');
  const a = applicantOf(ctx);
  return {
    ...base(ctx, event.at),
    agencyName: ctx.handlingAgencyName,
    formNumber: 'Mẫu số 04',
    documentNumber: `${ctx.dossier.code}/XL`,
    title: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
    subtitle: `Kính gửi: ${a.fullName}`,
    body: [
      fields([
        ['Ngày tiếp nhận hồ sơ', clockTime(ctx.dossier.accepted_at)],
        ['Cơ quan giải quyết', ctx.handlingAgencyName],
        ['Thủ tục', ctx.procedureName],
        ['Số định danh', a.idNumber],
        ['Mã hồ sơ', ctx.dossier.code],
        ['Thời gian hẹn trả kết quả', clockTime(event.payload.previousDueAt)],
      ]),
      {
        text: 'Tuy nhiên đến nay, cơ quan chưa trả kết quả giải quyết hồ sơ cho ông/bà đúng hẹn.',
        margin: [0, 2, 0, 2],
      },
      fields([['Lý do', event.payload.reason]]),
      { text: 'Sự chậm trễ này đã gây phiền hà cho ông/bà. Cơ quan xin lỗi ông/bà và sẽ trả kết quả vào:' },
      {
        text: clockTime(event.payload.newDueAt),
        bold: true,
        alignment: 'center',
        margin: [0, 4, 0, 4],
      },
      { text: 'Rất mong nhận được sự thông cảm của ông/bà.' },
    ],
    signatures: { right: { title: 'THỦ TRƯỞNG CƠ QUAN', name: actorName(ctx, event) } },
  };
}

const RESULT_VI: Record<Timeliness, string> = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' };

/** Mẫu 05 — Phiếu kiểm soát quá trình giải quyết hồ sơ, built from the event log. */
export function controlSlipForm(ctx: FormContext): FormSpec {
  const d = ctx.dossier;
  const cooperating = d.agencies_seen.filter((a) => a !== d.handling_agency && a !== d.receiving_agency);
  const name = (id: number | null) => (id ? (ctx.userNames.get(id) ?? '') : '');
  return {
    ...base(ctx, d.submitted_at.getTime()),
    formNumber: 'Mẫu số 05',
    documentNumber: `${d.code}/KS`,
    title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
    subtitle: `Mã hồ sơ: ${d.code}`,
    body: [
      fields([
        ['Cơ quan giải quyết hồ sơ', ctx.handlingAgencyName],
        [
          'Cơ quan phối hợp giải quyết',
          cooperating.map((c) => ctx.agencyNames.get(c) ?? c).join('; ') || '—',
        ],
        ['Thủ tục', ctx.procedureName],
        ['Thời gian nhận hồ sơ', clockTime(d.accepted_at ?? d.submitted_at)],
        ['Thời gian hẹn trả kết quả', clockTime(d.due_at)],
      ]),
      ...digitisedList(ctx.events),
      {
        table: {
          headerRows: 1,
          widths: ['*', 52, 52, '*', 38, '*'],
          body: [
            [
              'Tên cơ quan / bước',
              'Thời gian giao',
              'Thời gian nhận tiếp',
              'Người giao, người nhận tiếp',
              'Kết quả',
              'Ghi chú',
            ].map((text) => ({
              text,
              bold: true,
              fontSize: 7,
            })),
            ...ctx.slipRows.map((row) => [
              {
                text: `${ctx.frontDeskSteps.has(row.stepKey) ? ctx.receivingAgencyName : (ctx.agencyNames.get(row.agencyCode) ?? row.agencyCode)}: ${ctx.stepNames.get(row.stepKey) ?? row.stepKey}`,
                fontSize: 7,
              },
              { text: clockTime(row.handedAt), fontSize: 7 },
              { text: clockTime(row.passedAt), fontSize: 7 },
              {
                text: `Giao: ${name(row.handedBy)}\nNhận tiếp: ${row.passedBy ? name(row.passedBy) : '—'}`,
                fontSize: 7,
              },
              { text: row.result ? RESULT_VI[row.result] : '', fontSize: 7 },
              { text: row.note ?? '', fontSize: 7 },
            ]),
          ],
        },
      },
    ],
    signatures: { right: { title: 'NGƯỜI LẬP PHIẾU', name: actorName(ctx, ctx.events[0]) } },
  };
}

/** Thông báo dừng xử lý hồ sơ — the applicant withdrew the dossier (Decree 118/2025 art. 21; Circular 03/2025 art. 7). */
export function stopForm(ctx: FormContext): FormSpec {
  const event = requireEvent(ctx, 'withdraw');
  return {
    ...base(ctx, event.at),
    formNumber: 'Thông báo',
    documentNumber: `${ctx.dossier.code}/DXL`,
    title: 'Thông báo dừng xử lý hồ sơ',
    subtitle: `Mã hồ sơ: ${ctx.dossier.code}`,
    body: [
      applicantFields(ctx),
      fields([
        ['Thủ tục', ctx.procedureName],
        ['Thời gian tiếp nhận', clockTime(ctx.dossier.submitted_at)],
        ['Thời gian đề nghị dừng', clockTime(event.at)],
        ['Lý do', event.payload.reason],
      ]),
      { text: 'Theo đề nghị rút hồ sơ của ông/bà, cơ quan dừng xử lý hồ sơ nêu trên.', margin: [0, 4, 0, 0] },
    ],
    signatures: { right: { title: 'CƠ QUAN TIẾP NHẬN', name: actorName(ctx, event) } },
  };
}
