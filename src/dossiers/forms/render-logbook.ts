import { type Kysely, sql } from 'kysely';
import type { Actor } from '../../auth/roles.js';
import { agencyBrief } from '../../catalog/agency-store.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import { clockTime } from './forms.js';
import { renderForm } from './render.js';

const METHOD_VI: Record<string, string> = { counter: 'Trực tiếp', post: 'Bưu chính', online: 'Trực tuyến' };

/** Mẫu 06 — Sổ theo dõi hồ sơ (A4): the year's dossiers of a receiving agency in logbook order, numbered without gaps. */
export async function renderLogbook(
  db: Kysely<Database>,
  actor: Actor,
  agencyCode: string,
  year: number,
): Promise<Buffer> {
  if (actor.role === 'citizen' || (actor.role !== 'controller' && actor.agencyCode !== agencyCode)) {
    throw new AppError('FORBIDDEN', 'Chỉ cán bộ của cơ quan tiếp nhận được xem sổ theo dõi hồ sơ.');
  }
  const agency = await agencyBrief(db, agencyCode);
  if (!agency) throw new AppError('AGENCY_NOT_FOUND', `Không tìm thấy cơ quan có mã ${agencyCode}.`);
  const rows = await db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.code', 'd.procedure_code')
    .innerJoin('agencies as h', 'h.code', 'd.handling_agency')
    .select([
      'd.logbook_number',
      'd.code',
      'p.name as procedure_name',
      'd.applicant',
      'h.name as handling_name',
      'd.accepted_at',
      'd.due_at',
      'd.returned_at',
      'd.return_method',
    ])
    .where('d.receiving_agency', '=', agencyCode)
    .where('d.logbook_number', 'is not', null)
    .where(sql<boolean>`extract(year from d.accepted_at AT TIME ZONE 'Asia/Ho_Chi_Minh') = ${year}`)
    .orderBy('d.logbook_number')
    .execute();
  const cell = (text: string) => ({ text, fontSize: 7 });
  return renderForm({
    formNumber: 'Mẫu số 06',
    agencyName: agency.name,
    parentName: 'Ủy ban nhân dân thành phố Cần Thơ',
    documentNumber: `Quyển ${year}`,
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
                cell(row.procedure_name),
                cell(applicant.fullName),
                cell(`${applicant.address?.line ?? ''}; ${applicant.phone ?? ''}`),
                cell(row.handling_name),
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
