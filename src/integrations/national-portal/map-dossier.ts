import { ROLE_NAMES_VI } from '../../auth/roles.js';
import type { DossierEvent } from '../../dossiers/events.js';
import {
  CHANNEL_CODE,
  NATIONAL_STATUS,
  STATUS_NAMES_VI,
  type SubmittedDocument,
} from '../../dossiers/model.js';
import type { Step } from '../../workflow/model.js';
import type { DossierAtEvent } from '../dossier-at-event.js';
import { ACTION_NAMES_VI, RETURN_METHODS_VI } from '../dossier-words.js';
import type { ProgressRecord, SyncRecord } from './model.js';
import { portalDate } from './portal-date.js';

const clip = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);
const dateOrEmpty = (instant: number | null) => (instant === null ? '' : portalDate(instant));

function lastEvent(input: DossierAtEvent): DossierEvent {
  const event = input.events.at(-1);
  if (!event) throw new Error(`dossier ${input.code} has no event to send`);
  return event;
}

/** The first sync of a dossier creates it at the portal; every later one updates it. */
export function isFirstSync(input: DossierAtEvent): boolean {
  return lastEvent(input).seq === 1;
}

/**
 * A hand-over between steps (or out of the last one): what CapNhatTienDoHoSoMC reports, the same
 * moments the process-control slip has one row for.
 */
export function isHandOver(event: DossierEvent): boolean {
  return event.seq > 1 && (event.toStep !== event.fromStep || event.action === 'transfer');
}

/** DongBoHoSoMC's record: the dossier as it stood right after the event (RULES.md §2). */
export function syncRecordOf(input: DossierAtEvent): SyncRecord {
  const { state, applicant } = input;
  const event = lastEvent(input);
  const reason = 'reason' in event.payload ? event.payload.reason : null;
  return {
    MaHoSo: input.code,
    MaTTHC: input.procedure.code,
    TenTTHC: clip(input.procedure.name, 2000),
    MaLinhVuc: clip(input.procedure.fieldCode, 100),
    TenLinhVuc: clip(input.procedure.field, 500),
    ChuHoSo: applicant.fullName,
    LoaiDoiTuong: applicant.kind === 'person' ? '1' : '2',
    MaDoiTuong: applicant.idNumber,
    ThongTinKhac: '',
    Email: applicant.email ?? '',
    Fax: '',
    SoDienThoai: applicant.phone,
    TrichYeuHoSo: clip(input.procedure.name, 2000),
    NgayTiepNhan: portalDate(state.acceptedAt ?? state.submittedAt),
    NgayHenTra: dateOrEmpty(state.dueAt),
    TrangThaiHoSo: String(NATIONAL_STATUS[state.status]) as SyncRecord['TrangThaiHoSo'],
    NgayTra: dateOrEmpty(state.returnedAt),
    ThongTinTra: state.returnMethod ? (RETURN_METHODS_VI[state.returnMethod] ?? '') : '',
    HinhThuc: String(CHANNEL_CODE[state.channel]) as SyncRecord['HinhThuc'],
    NgayKetThucXuLy: dateOrEmpty(state.finishedAt),
    DonViXuLy: input.agencyNames.get(state.handlingAgency) ?? state.handlingAgency,
    GhiChu: clip(
      reason ? `${STATUS_NAMES_VI[state.status]}: ${reason}` : STATUS_NAMES_VI[state.status],
      2000,
    ),
    TaiLieuNop: submittedDocuments(input.events).map((document, index) => ({
      TepDinhKemId: String(index + 1),
      TenTepDinhKem: clip(document.name, 500),
      IsDeleted: false,
      MaThanhPhanHoSo: '',
      DuongDanTaiTepTin: '',
    })),
    DanhSachLePhi: input.procedure.fees.map((fee) => ({
      TenPhiLePhi: clip(fee.description ?? 'Phí, lệ phí', 500),
      MaPhiLePhi: '',
      HinhThucThu: '',
      Gia: fee.amount ?? 0,
      LoaiPhiLePhi: '',
    })),
    DanhSachTepDinhKemKhac: [],
    DanhSachHoSoBoSung: supplements(input),
    DanhSachGiayToKetQua: input.events
      .filter((e) => e.action === 'issue_result')
      .map((e) => ({
        TenGiayTo: clip(input.resultType ?? 'Kết quả giải quyết thủ tục hành chính', 500),
        MaThanhPhanHoSo: '',
        GiayToId: e.action === 'issue_result' ? (e.payload.resultNumber ?? '') : '',
        DuongDanTepTinKetQua: '',
      })),
  };
}

function submittedDocuments(events: DossierEvent[]): SubmittedDocument[] {
  const documents: SubmittedDocument[] = [];
  for (const event of events)
    if (event.action === 'submit' || event.action === 'receive' || event.action === 'submit_supplement')
      documents.push(...event.payload.documents);
  return documents;
}

/** Each supplement request with who asked, what, when it was answered and the appointments around it. */
function supplements(input: DossierAtEvent): SyncRecord['DanhSachHoSoBoSung'] {
  const lines: SyncRecord['DanhSachHoSoBoSung'] = [];
  let due: number | null = null;
  let open: SyncRecord['DanhSachHoSoBoSung'][number] | null = null;
  for (const event of input.events) {
    if (event.action === 'request_supplement') {
      const asker = event.actorId === null ? undefined : input.people.get(event.actorId);
      open = {
        NguoiYeuCauBoSung: clip(asker ?? input.agencyNames.get(event.agencyCode) ?? event.agencyCode, 300),
        NoiDungBoSung: clip(`${event.payload.items.join('; ')}. Lý do: ${event.payload.reason}`, 4000),
        NgayYeuCauBoSung: portalDate(event.at),
        NgayTiepNhanBoSung: '',
        NgayHenTraTruoc: dateOrEmpty(due),
        NgayHenTraMoi: '',
      };
      lines.push(open);
    }
    if (event.action === 'submit_supplement' && open) {
      open.NgayTiepNhanBoSung = portalDate(event.at);
      if (event.payload.dueAt !== undefined) open.NgayHenTraMoi = portalDate(event.payload.dueAt);
      open = null;
    }
    if (event.action === 'receive' || event.action === 'accept') due = event.payload.dueAt;
    if (event.action === 'submit_supplement' && event.payload.dueAt !== undefined) due = event.payload.dueAt;
    if (event.action === 'apologise') due = event.payload.newDueAt;
  }
  return lines;
}

/** CapNhatTienDoHoSoMC's record for a hand-over: who handled it, in which unit, what was done, by when. */
export function progressRecordOf(input: DossierAtEvent): ProgressRecord {
  const event = lastEvent(input);
  const processBefore = processIdBefore(input.events);
  const processAfter = event.action === 'transfer' ? event.payload.processId : processBefore;
  const from = stepOf(input, processBefore, event.fromStep);
  const to = stepOf(input, processAfter, event.toStep);
  const actingAgency = event.actorAgency ?? event.agencyCode;
  const unit = from?.unit ? input.unitNames.get(`${actingAgency}/${from.unit}`) : undefined;
  const handler = event.actorId === null ? undefined : input.people.get(event.actorId);
  const what = [
    ACTION_NAMES_VI[event.action],
    from && to ? `${from.name} → ${to.name}` : (to?.name ?? from?.name),
  ]
    .filter(Boolean)
    .join(': ');
  const stepDue = 'stepDueAt' in event.payload ? event.payload.stepDueAt : null;
  return {
    MaHoSo: input.code,
    NguoiXuLy: clip(handler ?? 'Hệ thống', 300),
    ChucDanh: event.actorRole ? ROLE_NAMES_VI[event.actorRole] : '',
    ThoiDiemXuLy: portalDate(event.at),
    PhongBanXuLy: clip(unit ?? input.agencyNames.get(actingAgency) ?? actingAgency, 500),
    NoiDungXuLy: clip(event.note ? `${what}. ${event.note}` : what, 2000),
    TrangThai: String(NATIONAL_STATUS[event.toStatus]) as ProgressRecord['TrangThai'],
    NgayBatDau: portalDate(event.at),
    NgayKetThucTheoQuyDinh: dateOrEmpty(stepDue ?? null),
  };
}

/** The process the dossier followed just before its last event (a transfer moves it to another). */
function processIdBefore(events: DossierEvent[]): number {
  let processId = 0;
  for (const event of events.slice(0, -1)) {
    if (event.action === 'submit' || event.action === 'receive') processId = event.payload.processId;
    if (event.action === 'transfer') processId = event.payload.processId;
  }
  return processId;
}

function stepOf(input: DossierAtEvent, processId: number, key: string | null): Step | undefined {
  if (key === null) return undefined;
  return input.processes.get(processId)?.find((step) => step.key === key);
}
