import { type Kysely, sql } from 'kysely';
import { limitAsWorkingMs } from '../calendar/time-limit.js';
import { agencyClocks } from '../catalog/agency-clocks.js';
import { mergeProcedure } from '../catalog/merge-procedure.js';
import { parseProcedureRow } from '../catalog/procedure-row.js';
import { currentProcedure, fieldCode, upsertProcedure } from '../catalog/procedure-store.js';
import type { Database } from '../db/schema.js';
import { createDraftProcess } from '../workflow/create-draft.js';
import { publishFirstProcesses } from '../workflow/publish-first-processes.js';
import { publishProcess } from '../workflow/publish-process.js';
import { DEPARTMENT_CODE } from './organisation.js';
import { genericProcess, realProcesses } from './processes.js';

/** Which department handles province-level procedures of a field (demo assumption, editable data). */
const DEPARTMENT_BY_FIELD: Record<string, string> = {
  'Hộ tịch': '05',
  'Chứng thực': '05',
  'Quốc tịch': '05',
  'Lý lịch tư pháp': '05',
  'Nuôi con nuôi': '05',
  'Công chứng': '05',
  'Đăng ký biện pháp bảo đảm': '05',
  'Đất đai': '08',
  'Hoạt động xây dựng': '07',
  'Đường bộ': '07',
  'Sát hạch, cấp giấy phép lái xe': '07',
  'Đăng ký, quản lý cư trú': '17',
  'Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)': '04',
  'Bảo trợ xã hội': '11',
};

const DEMO_PROCESS_DECISION = 'DEMO-02/QĐ-UBND';
const EFFECTIVE = '2025-07-01';

export async function seedProcesses(db: Kysely<Database>, log: (line: string) => void): Promise<void> {
  const today = EFFECTIVE;
  const clocks = agencyClocks(db);
  const real = realProcesses();
  for (const item of real) {
    const parsed = parseProcedureRow({
      code: item.procedure.code,
      name: item.procedure.name,
      field: item.procedure.field,
      level: item.procedure.level === 'province' ? 'Cấp tỉnh' : 'Cấp xã',
      time_value: String(item.procedure.timeLimit.value),
      time_unit: 'Ngày làm việc',
      time_note: item.procedure.timeLimit.note ?? '',
      submission_channels: 'Dịch vụ bưu chính; Trực tiếp; Trực tuyến',
      announcing_decision: item.decision,
    });
    if (!parsed.ok)
      throw new Error(`demo procedure ${item.procedure.code}: ${JSON.stringify(parsed.issues)}`);
    // The province's own decision on the procedure wins over the national record where it says something.
    const current = await currentProcedure(db, item.procedure.code);
    await upsertProcedure(db, current ? mergeProcedure(current.record, parsed.procedure) : parsed.procedure);
    await db
      .insertInto('procedure_publications')
      .values({
        procedure_code: item.procedure.code,
        kind: 'publish',
        decision_number: 'DEMO-01/QĐ-UBND',
        decision_date: '2025-06-30',
        effective_date: EFFECTIVE,
        note: 'Dữ liệu mẫu',
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  for (const [field, seq] of Object.entries(DEPARTMENT_BY_FIELD)) {
    await db
      .updateTable('procedures')
      .set({ handling_agency_code: DEPARTMENT_CODE(seq) })
      .where('field_code', '=', fieldCode(field))
      .where(sql<boolean>`'province' = ANY(levels)`)
      .execute();
  }

  const procedures = await db
    .selectFrom('procedures')
    .leftJoin('processes', 'processes.procedure_code', 'procedures.code')
    .select(['procedures.code', 'procedures.time_limit'])
    .where('processes.id', 'is', null)
    .execute();
  const clock = await clocks.clock();
  const generic = [];
  let realPublished = 0;
  for (const procedure of procedures) {
    const limit = procedure.time_limit as unknown as Parameters<typeof limitAsWorkingMs>[1];
    const own = real.find((r) => r.procedure.code === procedure.code);
    if (own) {
      const draft = await createDraftProcess(db, clocks, null, procedure.code, own.process, today);
      await publishProcess(db, null, draft.id, `${DEMO_PROCESS_DECISION} (theo ${own.decision})`, EFFECTIVE);
      realPublished++;
      continue;
    }
    const limitMs = limitAsWorkingMs(clock, limit, null);
    generic.push({
      procedureCode: procedure.code,
      timeLimit: limit,
      input: genericProcess(limitMs === null ? 5 : limitMs / clock.hours.dayMs),
    });
  }
  // Some 1,600 procedures: one statement per few hundred, not a draft and a publication each.
  const published =
    (await publishFirstProcesses(db, clock, generic, DEMO_PROCESS_DECISION, EFFECTIVE)) + realPublished;
  log(`  quy trình điện tử: ${published} quy trình mới (${real.length} quy trình nội bộ thật)`);
}
