import { Readable } from 'node:stream';
import { procedureForIntake } from '../../catalog/procedure-store.js';
import { acceptFile, recordStoredFile } from '../../documents/receive-upload.js';
import {
  type DossierDeps,
  dossierOfPortalFiling,
  intakeFromNationalPortal,
  type PortalDocument,
} from '../../dossiers/intake.js';
import { intakeSchema } from '../../dossiers/model.js';
import { cleanInput } from '../../shared/clean-input.js';
import { AppError, errorStatus } from '../../shared/errors.js';
import { type FilingAcknowledgement, type PortalFiling, portalFilingSchema } from './model.js';
import type { NationalPortal, PortalAnswer } from './port.js';
import { portalDate } from './portal-date.js';

export interface FilingDeps {
  portal: NationalPortal;
  dossiers: DossierDeps;
  /** Where the tracking page is (the link the portal shows the applicant). */
  publicUrl: string;
}

export interface FilingsRound {
  /** Filings received as dossiers (or found received already) and acknowledged with our code. */
  received: string[];
  /** Filings refused, with the reason the portal was told. */
  refused: { portalId: string; reason: string }[];
  /** Filings we could not answer (no usable id), or whose acknowledgement the portal did not take this time. */
  unanswered: number;
  /** Why the round stopped early: the portal was down, refused us, or is limiting our rate. */
  failure: Exclude<PortalAnswer, { kind: 'accepted' }> | null;
}

const FORM_OF: Record<PortalFiling['TaiLieuNop'][number]['HinhThuc'], PortalDocument['form']> = {
  '1': 'original',
  '2': 'copy',
  '3': 'certified_copy',
};
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const PORTAL_ID = /^[A-Za-z0-9.\-_]{1,100}$/;

/**
 * One round of taking in the dossiers filed on the national portal: each pending filing is checked on its
 * own, its files received like any upload (type from the content, limits, virus scan, signatures), and filed
 * as an online dossier under the portal's id as idempotency key; then the portal is told our code and where
 * to follow it, or why the filing was refused. A filing received but not acknowledged (a crash, the portal
 * down) comes back in the next round and is acknowledged then, without a second dossier.
 */
export async function receivePortalFilings(deps: FilingDeps, limit = 2): Promise<FilingsRound> {
  const round: FilingsRound = { received: [], refused: [], unanswered: 0, failure: null };
  const answer = await deps.portal.pendingFilings({ limit });
  if (answer.kind !== 'filings') return { ...round, failure: answer };
  for (const given of answer.filings) {
    let raw: unknown;
    try {
      raw = cleanFiling(given);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      raw = null;
    }
    const parsed = portalFilingSchema.safeParse(raw);
    const portalId = parsed.success ? parsed.data.MaHoSoQuocGia : usableId(given);
    if (!portalId) {
      round.unanswered++;
      continue;
    }
    const outcome = parsed.success
      ? await receiveOne(deps, parsed.data)
      : { ok: false as const, reason: `Dữ liệu hồ sơ không hợp lệ: ${describe(parsed.error.issues)}` };
    const acknowledgement: FilingAcknowledgement = outcome.ok
      ? {
          MaHoSoQuocGia: portalId,
          KetQua: '1',
          MaHoSo: outcome.code,
          NgayTiepNhan: portalDate(outcome.at),
          DonViTiepNhan: outcome.agency,
          DuongDanTraCuu: `${deps.publicUrl.replace(/\/+$/, '')}/tra-cuu/${encodeURIComponent(outcome.code)}`,
          LyDo: '',
        }
      : {
          MaHoSoQuocGia: portalId,
          KetQua: '0',
          MaHoSo: '',
          NgayTiepNhan: '',
          DonViTiepNhan: '',
          DuongDanTraCuu: '',
          LyDo: outcome.reason.slice(0, 2000),
        };
    const told = await deps.portal.acknowledgeFiling({
      // The same filing is always acknowledged under the same message id: a repeat is applied once.
      messageId: `motcua-filing-${portalId}`,
      acknowledgement,
    });
    if (told.kind !== 'accepted') {
      round.unanswered++;
      if (told.kind !== 'refused') return { ...round, failure: told };
      continue;
    }
    if (outcome.ok) round.received.push(outcome.code);
    else round.refused.push({ portalId, reason: outcome.reason });
  }
  return round;
}

type Outcome = { ok: true; code: string; at: number; agency: string } | { ok: false; reason: string };

async function receiveOne(deps: FilingDeps, filing: PortalFiling): Promise<Outcome> {
  const owner = filing.ChuHoSo;
  const applicant = {
    kind: owner.LoaiDoiTuong === '1' ? 'person' : 'organisation',
    fullName: owner.HoTen,
    idNumber: owner.SoGiayTo,
    ...(owner.LoaiDoiTuong === '1'
      ? {
          birthDate: `${owner.NgaySinh.slice(0, 4)}-${owner.NgaySinh.slice(4, 6)}-${owner.NgaySinh.slice(6, 8)}`,
        }
      : {}),
    address: { line: owner.DiaChi, wardCode: owner.MaXa },
    phone: owner.SoDienThoai,
    ...(owner.Email ? { email: owner.Email } : {}),
  };
  const input = intakeSchema.safeParse({
    procedureCode: filing.MaTTHC,
    channel: 'online',
    applicant,
    formData: filing.DuLieuToKhai,
  });
  if (!input.success)
    return { ok: false, reason: `Thông tin hồ sơ chưa hợp lệ: ${describe(input.error.issues)}` };
  // What can be refused without the files is refused before any file is stored.
  if (!(await procedureForIntake(deps.dossiers.db, filing.MaTTHC, deps.dossiers.today())))
    return { ok: false, reason: `Không tìm thấy thủ tục đang được công bố có mã ${filing.MaTTHC}.` };
  const files = filing.TaiLieuNop.flatMap((d) => d.TepDinhKem);
  const bytes = files.reduce((sum, f) => sum + Math.floor((f.NoiDung.length * 3) / 4), 0);
  const limits = deps.dossiers.documents.limits;
  if (files.length > limits.maxDossierFiles || bytes > limits.maxDossierBytes)
    return {
      ok: false,
      reason: `Hồ sơ có ${files.length} tệp, khoảng ${Math.ceil(bytes / 1_048_576)} MB: vượt giới hạn ${limits.maxDossierFiles} tệp, ${Math.floor(limits.maxDossierBytes / 1_048_576)} MB của một hồ sơ.`,
    };
  try {
    const documents: PortalDocument[] = [];
    for (const document of filing.TaiLieuNop) {
      const files = [];
      for (const file of document.TepDinhKem) {
        if (!BASE64.test(file.NoiDung) || file.NoiDung.length === 0)
          return { ok: false, reason: `Tệp "${file.TenTep}" không đúng dạng base64.` };
        const received = await acceptFile(deps.dossiers.documents, {
          stream: Readable.from([Buffer.from(file.NoiDung, 'base64')]),
          name: file.TenTep,
        }).catch((error: unknown) => {
          // The portal shows the reason to the applicant: it must say which file.
          if (error instanceof AppError)
            throw new AppError(error.code, `Tệp "${file.TenTep}": ${error.message}`);
          throw error;
        });
        await recordStoredFile(deps.dossiers.db, received);
        files.push({
          sha256: received.sha256,
          name: received.name,
          bytes: received.bytes,
          mime: received.mime,
          pages: received.pages,
        });
      }
      documents.push({
        name: document.TenGiayTo,
        form: FORM_OF[document.HinhThuc],
        copies: document.SoBan,
        files,
      });
    }
    const result = await intakeFromNationalPortal(deps.dossiers, {
      portalId: filing.MaHoSoQuocGia,
      input: input.data,
      documents,
    });
    const dossier = result.body as { code: string; receivingAgency: string; receivedAt: string | null };
    return {
      ok: true,
      code: dossier.code,
      at: dossier.receivedAt ? Date.parse(dossier.receivedAt) : deps.dossiers.now(),
      agency: dossier.receivingAgency,
    };
  } catch (error) {
    // The same filing sent again with changed content: answered with the dossier it already is.
    if (error instanceof AppError && error.code === 'IDEMPOTENCY_KEY_REUSED') {
      const known = await dossierOfPortalFiling(deps.dossiers, filing.MaHoSoQuocGia);
      if (known)
        return {
          ok: true,
          code: known.code,
          at: known.receivedAt ? Date.parse(known.receivedAt) : deps.dossiers.now(),
          agency: known.receivingAgency,
        };
    }
    // What the applicant can fix is told to the portal; a fault of ours (the scanner or the database down, a
    // missing configuration) ends the round, and the filing is taken again at the next.
    if (error instanceof AppError && errorStatus[error.code] < 500 && error.code !== 'AGENCY_NOT_FOUND')
      return {
        ok: false,
        reason: [error.message, ...error.fields.slice(0, 5).map((f) => `${f.field}: ${f.message}`)].join(' '),
      };
    throw error;
  }
}

/**
 * A filing's text cleaned as an HTTP input is (NFC, no NUL, no lone surrogate, bounded); the files' base64 is
 * checked as base64 instead, being far longer than any text.
 */
function cleanFiling(given: unknown): unknown {
  // The files' contents (base64, megabytes) are taken out while the rest is cleaned, and put back after: only
  // TaiLieuNop[].TepDinhKem[].NoiDung, so a form field that happens to be named NoiDung is cleaned like any text.
  const contents: unknown[] = [];
  const withoutFiles = mapFiles(given ?? null, (file) => ({
    ...file,
    NoiDung: contents.push(file.NoiDung) - 1,
  }));
  return mapFiles(cleanInput(withoutFiles, 'filing'), (file) =>
    typeof file.NoiDung === 'number' ? { ...file, NoiDung: contents[file.NoiDung] } : file,
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The filing with each file of each document (TaiLieuNop[].TepDinhKem[]) that has contents replaced. */
function mapFiles(
  filing: unknown,
  change: (file: Record<string, unknown>) => Record<string, unknown>,
): unknown {
  if (!isRecord(filing) || !Array.isArray(filing.TaiLieuNop)) return filing;
  return {
    ...filing,
    TaiLieuNop: filing.TaiLieuNop.map((document) =>
      isRecord(document) && Array.isArray(document.TepDinhKem)
        ? {
            ...document,
            TepDinhKem: document.TepDinhKem.map((file) =>
              isRecord(file) && 'NoiDung' in file ? change(file) : file,
            ),
          }
        : document,
    ),
  };
}

function usableId(raw: unknown): string | null {
  const id = (raw as { MaHoSoQuocGia?: unknown } | null)?.MaHoSoQuocGia;
  return typeof id === 'string' && PORTAL_ID.test(id) ? id : null;
}

function describe(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`)
    .join('; ');
}
