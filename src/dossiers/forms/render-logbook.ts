import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/roles.js';
import { agencyBrief, agencyBriefs } from '../../catalog/agency-store.js';
import { procedureVersion } from '../../catalog/procedure-store.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import { canReadLogbook } from '../policy.js';
import { logbookRows } from '../store.js';
import { clockTime } from './forms.js';
import { renderForm } from './pdf-pool.js';

const METHOD_VI: Record<string, string> = { counter: 'Trực tiếp', post: 'Bưu chính', online: 'Trực tuyến' };

/** The most rows one logbook PDF holds; a busier year is printed month by month. */
export const LOGBOOK_MAX_ROWS = 10_000;

/**
 * Mẫu 06 — Sổ theo dõi hồ sơ (A4): the dossiers of a receiving agency for a year (or one month) in logbook
 * order, numbered without gaps. Drawn on a worker thread; bounded so that no request asks for an endless book.
 */
export async function renderLogbook(
  db: Kysely<Database>,
  actor: Actor,
  agencyCode: string,
  year: number,
  month: number | null,
): Promise<Buffer> {
  if (!canReadLogbook(actor, agencyCode)) {
    throw new AppError('FORBIDDEN', 'Chỉ cán bộ của cơ quan tiếp nhận được xem sổ theo dõi hồ sơ.');
  }
  const agency = await agencyBrief(db, agencyCode);
  if (!agency) throw new AppError('AGENCY_NOT_FOUND', `Không tìm thấy cơ quan có mã ${agencyCode}.`);
  const rows = await logbookRows(db, agencyCode, year, month, LOGBOOK_MAX_ROWS + 1);
  if (rows.length > LOGBOOK_MAX_ROWS)
    throw new AppError(
      'INPUT_TOO_LARGE',
      `Sổ năm ${year} có hơn ${LOGBOOK_MAX_ROWS} hồ sơ: vui lòng in theo từng tháng (tham số month).`,
    );
  const procedureNames = new Map<number, string>();
  for (const id of new Set(rows.map((row) => row.procedure_version_id)))
    procedureNames.set(id, (await procedureVersion(db, id)).content.name);
  const handlingNames = new Map(
    (await agencyBriefs(db, [...new Set(rows.map((row) => row.handling_agency))])).map((a) => [
      a.code,
      a.name,
    ]),
  );
  const cell = (text: string) => ({ text, fontSize: 7 });
  return renderForm({
    formNumber: 'Mẫu số 06',
    agencyName: agency.name,
    parentName: 'Ủy ban nhân dân thành phố Cần Thơ',
    documentNumber: month === null ? `Quyển ${year}` : `Quyển ${year}, tháng ${month}`,
    place: 'Cần Thơ',
    date: `năm ${year}`,
    title: 'Sổ theo dõi hồ sơ',
    subtitle: `${rows.length} hồ sơ`,
    pageSize: 'A4',
    orientation: 'landscape',
    body: [
      {
        table: {
          headerRows: 1,
          widths: [22, 95, '*', 70, 70, 80, 52, 52, 52, 42, 40],
          body: [
            [
              'STT',
              'Mã hồ sơ',
              'Tên TTHC',
              'Tên cá nhân, tổ chức',
              'Địa chỉ, số điện thoại',
              'Cơ quan chủ trì giải quyết',
              'Ngày nhận hồ sơ',
              'Ngày hẹn trả',
              'Ngày trả kết quả',
              'Phương thức',
              'Ký nhận',
            ].map((text) => ({ text, bold: true, fontSize: 7 })),
            ...rows.map((row) => {
              const applicant = row.applicant as unknown as {
                fullName: string;
                phone?: string;
                address?: { line: string };
              };
              return [
                cell(String(row.logbook_number)),
                cell(row.code),
                cell(procedureNames.get(row.procedure_version_id) ?? ''),
                cell(applicant.fullName),
                cell(`${applicant.address?.line ?? ''}; ${applicant.phone ?? ''}`),
                cell(handlingNames.get(row.handling_agency) ?? row.handling_agency),
                cell(clockTime(row.accepted_at)),
                cell(clockTime(row.due_at)),
                cell(clockTime(row.returned_at)),
                cell(row.return_method ? (METHOD_VI[row.return_method] ?? row.return_method) : ''),
                cell(''),
              ];
            }),
          ],
        },
      },
    ],
    signatures: { right: { title: 'NGƯỜI LẬP SỔ', name: actor.fullName } },
  });
}
