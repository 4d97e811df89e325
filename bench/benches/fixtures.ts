import type pg from 'pg';

export interface BenchFixtures {
  centre: string;
  stp: string;
  procedureCode: string;
  processId: number;
  procedureVersionId: number;
  receiverId: number;
  codes: string[];
  names: string[];
  busyAgency: string;
  busyProcessor: string;
  citizens: string[];
}

let serial = 0;

export function benchApplicant(worker: number) {
  serial++;
  return {
    kind: 'person',
    fullName: 'Nguyễn Thị Hồng Nhung',
    idNumber: `09${String(worker).padStart(2, '0')}${String(serial % 100_000_000).padStart(8, '0')}`,
    birthDate: '1990-05-12',
    address: { line: '12 Trần Hưng Đạo', wardCode: '31120' },
    phone: '0901234567',
  };
}

/** The bench's raw twins write dossiers coded RAW…; lookups sample only the generated province. */
const OWN = "code NOT LIKE 'RAW%'";

/** Samples of real rows to look up, chosen once per run from the generated province. */
export async function loadFixtures(pool: pg.Pool): Promise<BenchFixtures> {
  const one = async <T>(text: string, values: unknown[] = []) =>
    (await pool.query(text, values)).rows[0] as T;
  const centre = (
    await one<{ code: string }>("SELECT code FROM agencies WHERE kind = 'centre' AND level = 'province'")
  ).code;
  const process = await one<{ id: number }>(
    "SELECT id FROM processes WHERE procedure_code = '3.000333' AND status = 'published' ORDER BY version DESC LIMIT 1",
  );
  const receiver = await one<{ id: number }>("SELECT id FROM users WHERE username = 'receiver'");
  const version = await one<{ id: number }>(
    "SELECT version_id AS id FROM procedures WHERE code = '3.000333'",
  );
  // A page sample is cheap on a large table but may return nothing on a small one (the smoke run).
  const sample = async (column: string, limit: number) => {
    const sampled = await pool.query(
      `SELECT DISTINCT ${column} AS v FROM dossiers TABLESAMPLE SYSTEM (1) WHERE ${OWN} LIMIT ${limit}`,
    );
    const rows =
      sampled.rows.length >= Math.min(limit, 100)
        ? sampled.rows
        : (await pool.query(`SELECT DISTINCT ${column} AS v FROM dossiers WHERE ${OWN} LIMIT ${limit}`)).rows;
    return rows.map((r) => r.v as string);
  };
  const codes = await sample('code', 5000);
  const names = await sample('applicant_search', 300);
  if (codes.length === 0) throw new Error('no dossiers to look up');
  const busy = await one<{ agency: string }>(
    `SELECT handling_agency AS agency FROM dossiers WHERE finished_at IS NULL AND status IN ('accepted', 'processing')
     GROUP BY handling_agency ORDER BY count(*) DESC LIMIT 1`,
  );
  const processor = await one<{ username: string }>(
    "SELECT username FROM users WHERE agency_code = $1 AND role = 'processor' ORDER BY id LIMIT 1",
    [busy.agency],
  );
  const citizens = (
    await pool.query(
      "SELECT u.username FROM users u WHERE u.role = 'citizen' AND EXISTS (SELECT 1 FROM dossiers d WHERE d.owner_id = u.id) LIMIT 50",
    )
  ).rows.map((r) => r.username as string);
  return {
    centre,
    stp: '000.00.05.H13',
    procedureCode: '3.000333',
    processId: process.id,
    procedureVersionId: version.id,
    receiverId: receiver.id,
    codes,
    names,
    busyAgency: busy.agency,
    busyProcessor: processor.username,
    citizens,
  };
}
