import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { hashPassword } from '../auth/passwords.js';
import { ROLE_NAMES_VI, ROLES, type Role } from '../auth/roles.js';
import { upsertUser } from '../auth/store.js';
import { shippedSchedules } from '../calendar/shipped.js';
import { saveAnnouncedSchedule } from '../calendar/store.js';
import { upsertAgency, upsertUnit } from '../catalog/agency-store.js';
import { amendProcedure } from '../catalog/amend-procedure.js';
import { importNational } from '../catalog/import-national.js';
import { importProcedures } from '../catalog/import-procedures.js';
import { requiredDocumentSchema } from '../catalog/model.js';
import { readProcedureFile } from '../catalog/read-procedure-file.js';
import type { Database } from '../db/schema.js';
import { ensureDemoPki } from '../documents/signing/demo-pki.js';
import { DEMO_SITES, demoAgencies } from './organisation.js';
import { seedProcedureGroups } from './seed-groups.js';
import { seedProcesses } from './seed-processes.js';

export const DEMO_PROCEDURES_FILE = fileURLToPath(new URL('./data/procedures.csv', import.meta.url));
/** The national records the catalogue ships (src/catalog/national/data). */
export const NATIONAL_RECORDS_FILE = fileURLToPath(
  new URL('../catalog/national/data/procedures.jsonl.gz', import.meta.url),
);

/** Demo publication of the 120 real procedures: the date the two-tier local government took effect. */
export const DEMO_PUBLICATION = {
  kind: 'publish' as const,
  decisionNumber: 'DEMO-01/QĐ-UBND',
  decisionDate: '2025-06-30',
  effectiveDate: '2025-07-01',
  note: 'Dữ liệu mẫu: công bố danh mục TTHC theo mô hình chính quyền địa phương hai cấp',
};

export interface SeedOptions {
  demoPassword: string;
  log?: (line: string) => void;
  /** Where the demo's certificate authority and the demo agencies' signing keys go (under the data directory). */
  signingDir?: string;
}

export async function isSeeded(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('agencies').select('code').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Loads the demo organisation, accounts, announced calendars and the catalogue: the 120 procedures of the CSV
 * export, then the 1,601 national records merged onto them by code (the national record wins where both have a
 * value), all published for Cần Thơ. Idempotent.
 */
export async function seedDemo(db: Kysely<Database>, options: SeedOptions): Promise<void> {
  const log = options.log ?? (() => undefined);
  const agencies = demoAgencies();
  const unitIds = new Map<string, number>();
  await db.transaction().execute(async (trx) => {
    for (const agency of agencies) {
      const { units, ...input } = agency;
      await upsertAgency(trx, input);
      for (const [code, name] of units)
        unitIds.set(`${agency.code}/${code}`, await upsertUnit(trx, agency.code, code, name));
    }
  });
  log(`  cơ quan, đơn vị: ${agencies.length} cơ quan, ${unitIds.size} phòng/bộ phận`);

  const passwordHash = await hashPassword(options.demoPassword);
  let accounts = 0;
  for (const site of DEMO_SITES) {
    for (const role of ROLES) {
      if (role === 'citizen' && !site.citizen) continue;
      const isCitizen = role === 'citizen';
      await upsertUser(db, {
        username: `${role}${site.suffix}`,
        fullName: isCitizen ? 'Nguyễn Văn An' : `${ROLE_NAMES_VI[role as Role]} (demo)`,
        role,
        agencyCode: isCitizen ? null : site.agencyCode,
        unitId: isCitizen ? null : (unitIds.get(`${site.agencyCode}/${site.unitCode}`) ?? null),
        passwordHash,
        demo: true,
      });
      accounts++;
    }
  }
  log(`  tài khoản demo: ${accounts}`);

  for (const [year, schedule] of shippedSchedules()) await saveAnnouncedSchedule(db, year, schedule, null);
  log('  lịch nghỉ lễ đã công bố: 2024–2026');

  const rows = await readProcedureFile(DEMO_PROCEDURES_FILE);
  const report = await importProcedures(db, rows, { publication: DEMO_PUBLICATION });
  log(`  thủ tục hành chính: ${report.inserted + report.updated}/${report.total} (lỗi: ${report.failed})`);
  // The national export has no document lists: the demo adds them, with an e-form, where we have them.
  const documents = JSON.parse(
    readFileSync(new URL('./data/procedure-documents.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown[]>;
  for (const [code, list] of Object.entries(documents)) {
    await amendProcedure(
      db,
      code,
      { documents: z.array(requiredDocumentSchema).parse(list) },
      { by: null, note: 'Dữ liệu mẫu: thành phần hồ sơ và tờ khai điện tử' },
    );
  }
  // The national records bring the document lists; the demo's e-form moves to the national "Tờ khai" row.
  const national = await importNational(db, NATIONAL_RECORDS_FILE, { publication: DEMO_PUBLICATION });
  log(
    `  thủ tục từ CSDL quốc gia: ${national.records} bản ghi (mới ${national.inserted}, cập nhật ${national.updated}, cần rà soát ${national.needingReview})`,
  );
  if (national.malformed.length > 0 || national.failed.length > 0)
    throw new Error(
      `national records: ${national.malformed.length} malformed, ${national.failed.length} failed`,
    );
  await seedProcesses(db, log);
  await seedProcedureGroups(db);
  if (options.signingDir) {
    const sites = await db
      .selectFrom('agencies')
      .select(['code', 'name'])
      .where(
        'code',
        'in',
        DEMO_SITES.map((site) => site.agencyCode),
      )
      .execute();
    await ensureDemoPki(options.signingDir, sites);
    log(`  chứng thư số thử nghiệm: CA của bản demo và ${sites.length} cơ quan (${options.signingDir})`);
  }
}
