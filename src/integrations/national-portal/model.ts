import { z } from 'zod';
import { parsePortalDate } from './portal-date.js';

/** The outbox consumer that carries dossier events to the national portal. */
export const NATIONAL_PORTAL_CONSUMER = 'national-portal';
export const NATIONAL_PORTAL_HANDLER = 'national-portal';
export const NATIONAL_PORTAL_TOPIC = 'dossier';

/**
 * The messages of the national portal, in the 2020 form used by provincial systems (RULES.md §2): field
 * names, the `isUpdating` + `data[]` body, dates yyyyMMddHHmmss in Vietnam time. Codes (statuses 1–10,
 * channel 1–3, applicant kind 1–2) travel as strings of digits, and a value we do not have as an empty
 * string; both choices are ours (ADR 0010). Every field is bounded so that the simulator refuses what
 * the real portal would never accept.
 */
const date = z.string().refine((value) => parsePortalDate(value) !== null, 'ngày phải dạng yyyyMMddHHmmss');
const dateOrEmpty = z.union([z.literal(''), date]);
const nationalStatus = z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
const text = (max: number) => z.string().max(max);
const required = (max: number) => z.string().trim().min(1).max(max);

const submittedFileSchema = z.object({
  TepDinhKemId: text(100),
  TenTepDinhKem: required(500),
  IsDeleted: z.boolean(),
  MaThanhPhanHoSo: text(100),
  DuongDanTaiTepTin: text(2000),
});

const feeLineSchema = z.object({
  TenPhiLePhi: text(500),
  MaPhiLePhi: text(100),
  HinhThucThu: text(100),
  Gia: z.number().min(0).max(1_000_000_000_000),
  LoaiPhiLePhi: text(100),
});

const supplementLineSchema = z.object({
  NguoiYeuCauBoSung: text(300),
  NoiDungBoSung: text(4000),
  NgayYeuCauBoSung: date,
  NgayTiepNhanBoSung: dateOrEmpty,
  NgayHenTraTruoc: dateOrEmpty,
  NgayHenTraMoi: dateOrEmpty,
});

const resultPaperSchema = z.object({
  TenGiayTo: required(500),
  MaThanhPhanHoSo: text(100),
  GiayToId: text(100),
  DuongDanTepTinKetQua: text(2000),
});

/** One dossier in DongBoHoSoMC. */
export const syncRecordSchema = z.object({
  MaHoSo: required(100),
  MaTTHC: required(100),
  TenTTHC: required(2000),
  MaLinhVuc: text(100),
  TenLinhVuc: text(500),
  ChuHoSo: required(300),
  /** 1 person, 2 business. */
  LoaiDoiTuong: z.enum(['1', '2']),
  MaDoiTuong: text(50),
  ThongTinKhac: text(2000),
  Email: text(320),
  Fax: text(50),
  SoDienThoai: text(20),
  TrichYeuHoSo: text(2000),
  NgayTiepNhan: date,
  NgayHenTra: dateOrEmpty,
  TrangThaiHoSo: nationalStatus,
  NgayTra: dateOrEmpty,
  ThongTinTra: text(2000),
  /** The channel: 1 counter, 2 online, 3 postal. */
  HinhThuc: z.enum(['1', '2', '3']),
  NgayKetThucXuLy: dateOrEmpty,
  DonViXuLy: required(500),
  GhiChu: text(2000),
  TaiLieuNop: z.array(submittedFileSchema).max(200),
  DanhSachLePhi: z.array(feeLineSchema).max(50),
  DanhSachTepDinhKemKhac: z.array(submittedFileSchema).max(200),
  DanhSachHoSoBoSung: z.array(supplementLineSchema).max(50),
  DanhSachGiayToKetQua: z.array(resultPaperSchema).max(50),
});
export type SyncRecord = z.infer<typeof syncRecordSchema>;

/** One hand-over in CapNhatTienDoHoSoMC. */
export const progressRecordSchema = z.object({
  MaHoSo: required(100),
  NguoiXuLy: required(300),
  ChucDanh: text(300),
  ThoiDiemXuLy: date,
  PhongBanXuLy: required(500),
  NoiDungXuLy: required(2000),
  TrangThai: nationalStatus,
  NgayBatDau: date,
  NgayKetThucTheoQuyDinh: dateOrEmpty,
});
export type ProgressRecord = z.infer<typeof progressRecordSchema>;

export const syncBodySchema = z.object({
  isUpdating: z.boolean(),
  data: z.array(syncRecordSchema).min(1).max(100),
});

export const progressBodySchema = z.object({ data: z.array(progressRecordSchema).min(1).max(100) });

/** Success as the portal says it: `error_code` 0 or "00" (RULES.md §2). */
export function portalSucceeded(answer: unknown): boolean {
  const code = (answer as { error_code?: unknown } | null)?.error_code;
  return code === 0 || code === '0' || code === '00';
}

/**
 * What of the protocol is unknown since the portal changed hands (Decree 224/2026 art. 83): paths, how a
 * token is obtained and sent, the header that carries our message id, and renamed fields. Defaults are
 * the 2020 form as the simulator speaks it; an operator overrides them without a release (ADR 0010).
 */
export const portalProtocolSchema = z.object({
  tokenPath: z.string().startsWith('/').max(200).default('/token'),
  syncPath: z.string().startsWith('/').max(200).default('/DongBoHoSoMC'),
  progressPath: z.string().startsWith('/').max(200).default('/CapNhatTienDoHoSoMC'),
  /** Dossiers filed on the portal and not yet acknowledged by us; and the acknowledgement (ADR 0010). */
  filingsPath: z.string().startsWith('/').max(200).default('/LayDanhSachHoSoNopTrucTuyen'),
  acknowledgePath: z.string().startsWith('/').max(200).default('/XacNhanTiepNhanHoSo'),
  messageIdHeader: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .default('x-message-id'),
  usernameField: z.string().min(1).max(64).default('username'),
  passwordField: z.string().min(1).max(64).default('password'),
  tokenField: z.string().min(1).max(64).default('access_token'),
  expiresInField: z.string().min(1).max(64).default('expires_in'),
  authHeader: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .default('authorization'),
  /** "Bearer" gives `Authorization: Bearer <token>`; empty sends the token alone. */
  authScheme: z.string().max(32).default('Bearer'),
  /** Field renames applied to every message, e.g. {"MaHoSo": "maHoSo"}. */
  fieldNames: z.record(z.string().max(64), z.string().min(1).max(64)).default({}),
});
export type PortalProtocol = z.infer<typeof portalProtocolSchema>;

export interface PortalSettings {
  baseUrl: string;
  username: string;
  password: string;
  timeoutMs: number;
  protocol: PortalProtocol;
}

/** The most a file handed over inside a filing may be (base64 text): larger files wait for a download protocol. */
export const FILING_FILE_MAX_BASE64 = 14_000_000;
/** The most all the files of one filing may be together (base64 text, about 45 MB of files). */
export const FILING_MAX_BASE64 = 60_000_000;

/**
 * A dossier filed on the national portal, as the portal hands it over (ADR 0010: the real message is not
 * published; these names follow the 2020 messages and are configuration through `fieldNames`). The
 * applicant: 1 a person (12-digit identity number, birth date yyyyMMdd), 2 an organisation (tax code). Files
 * travel inside the message, base64, pages in order.
 */
export const portalFilingSchema = z.object({
  MaHoSoQuocGia: z.string().regex(/^[A-Za-z0-9.\-_]{1,100}$/),
  MaTTHC: required(40),
  NgayNop: date,
  ChuHoSo: z.object({
    LoaiDoiTuong: z.enum(['1', '2']),
    HoTen: required(300),
    SoGiayTo: required(20),
    NgaySinh: text(8),
    SoDienThoai: text(20),
    Email: text(320),
    DiaChi: required(300),
    MaXa: text(10),
  }),
  DuLieuToKhai: z.record(z.string().max(100), z.unknown()).default({}),
  TaiLieuNop: z
    .array(
      z.object({
        TenGiayTo: required(500),
        /** 1 original, 2 copy, 3 certified copy. */
        HinhThuc: z.enum(['1', '2', '3']).default('2'),
        SoBan: z.number().int().min(1).max(50).default(1),
        TepDinhKem: z
          .array(z.object({ TenTep: required(255), NoiDung: z.string().max(FILING_FILE_MAX_BASE64) }))
          .max(50)
          .default([]),
      }),
    )
    .max(100)
    .default([])
    .refine(
      (documents) =>
        documents.reduce((sum, d) => sum + d.TepDinhKem.reduce((n, f) => n + f.NoiDung.length, 0), 0) <=
        FILING_MAX_BASE64,
      'Tổng dung lượng tệp của hồ sơ vượt quá giới hạn',
    ),
});
export type PortalFiling = z.infer<typeof portalFilingSchema>;

/** What we answer for a filing: received under our code, or refused with the reason the portal shows. */
export const filingAcknowledgementSchema = z.object({
  MaHoSoQuocGia: required(100),
  /** 1 received (waiting for the completeness check), 0 refused. */
  KetQua: z.enum(['0', '1']),
  MaHoSo: text(100),
  NgayTiepNhan: dateOrEmpty,
  DonViTiepNhan: text(500),
  DuongDanTraCuu: text(2000),
  LyDo: text(2000),
});
export type FilingAcknowledgement = z.infer<typeof filingAcknowledgementSchema>;
