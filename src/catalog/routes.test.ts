import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type TestApp, testApp, tokenFor } from '../../test/helpers.js';
import { parseProcedureRow } from './procedure-row.js';
import { addPublication, upsertProcedure } from './procedure-store.js';

interface Summary {
  code: string;
  name: string;
}

async function makeProcedure(t: TestApp, code: string, name: string) {
  const parsed = parseProcedureRow({
    code,
    name,
    field: 'Thử nghiệm công bố',
    level: 'Cấp tỉnh',
    submission_channels: 'Trực tiếp',
  });
  if (!parsed.ok) throw new Error('fixture');
  await upsertProcedure(t.db.kysely, parsed.procedure);
}

describe('public catalogue API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ today: '2026-11-23' });
  });
  afterAll(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });

  it('finds "Đăng ký khai sinh" typed without diacritics, best match first', async () => {
    const response = await get('/api/procedures?q=dang%20ky%20khai%20sinh&pageSize=5');
    expect(response.statusCode).toBe(200);
    const body = response.json<{ items: Summary[]; total: number }>();
    expect(body.total).toBeGreaterThanOrEqual(3);
    expect(body.items[0]?.name).toBe('Thủ tục đăng ký khai sinh');
    for (const item of body.items)
      expect(item.name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').toLowerCase()).toContain(
        'khai sinh',
      );
  });

  it('gives the same result with diacritics, in upper case, and in decomposed Unicode', async () => {
    const plain = (await get('/api/procedures?q=dang%20ky%20khai%20sinh')).json<{ total: number }>();
    for (const q of ['Đăng ký khai sinh', 'ĐĂNG KÝ KHAI SINH', 'Đăng ký khai sinh'.normalize('NFD')]) {
      const body = (await get(`/api/procedures?q=${encodeURIComponent(q)}`)).json<{
        total: number;
        items: Summary[];
      }>();
      expect(body.total).toBe(plain.total);
      expect(body.items[0]?.name).toBe('Thủ tục đăng ký khai sinh');
    }
  });

  it('tolerates a small typo', async () => {
    const body = (await get('/api/procedures?q=dang%20ky%20khai%20snh')).json<{ items: Summary[] }>();
    expect(body.items.map((i) => i.name)).toContain('Thủ tục đăng ký khai sinh');
  });

  it('finds nothing for unrelated words', async () => {
    const body = (await get('/api/procedures?q=tau%20vu%20tru%20sao%20hoa')).json<{
      items: Summary[];
      total: number;
    }>();
    expect(body).toEqual({ items: [], total: 0 });
  });

  it('filters by field and level and paginates with a stable total', async () => {
    const all = (await get('/api/procedures?field=ho-tich&pageSize=200')).json<{
      items: Summary[];
      total: number;
    }>();
    expect(all.total).toBe(41);
    const page2 = (await get('/api/procedures?field=ho-tich&page=2&pageSize=10')).json<{
      items: Summary[];
      total: number;
    }>();
    expect(page2.total).toBe(41);
    expect(page2.items.map((i) => i.code)).toEqual(all.items.slice(10, 20).map((i) => i.code));
    const province = (await get('/api/procedures?level=province&pageSize=200')).json<{
      items: { level: string[] }[];
    }>();
    expect(province.items.length).toBeGreaterThan(0);
    for (const item of province.items) expect(item.level).toContain('province');
    const beyond = (await get('/api/procedures?field=ho-tich&page=9&pageSize=10')).json<{
      items: Summary[];
      total: number;
    }>();
    expect(beyond).toEqual({ items: [], total: 41 });
  });

  it('filters by the agency that would handle it', async () => {
    const ward = (await get('/api/procedures?agency=000.31135.H13&pageSize=200')).json<{
      items: { level: string[] }[];
      total: number;
    }>();
    expect(ward.total).toBeGreaterThan(0);
    for (const item of ward.items) expect(item.level).toContain('commune');
    expect((await get('/api/procedures?agency=000.99999.H13')).json()).toMatchObject({
      error: { code: 'AGENCY_NOT_FOUND' },
    });
  });

  it('returns the full procedure, or 404 PROCEDURE_NOT_FOUND', async () => {
    const response = await get('/api/procedures/1.001193');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      code: '1.001193',
      name: 'Thủ tục đăng ký khai sinh',
      field: 'Hộ tịch',
      offered: true,
      publications: [
        expect.objectContaining({ decisionNumber: 'DEMO-01/QĐ-UBND', effectiveDate: '2025-07-01' }),
      ],
    });
    // The published list holds the documents to hand in; the remarks around them come as notes, not documents.
    const { documents, documentNotes } = response.json<{
      documents: { name: string }[];
      documentNotes: string[];
    }>();
    const names = documents.map((d) => d.name);
    expect(names).toContainEqual(expect.stringMatching(/^Tờ khai đăng ký khai sinh/));
    expect(names).toContainEqual(expect.stringMatching(/^Giấy chứng sinh/));
    expect(
      names.filter((name) => /^(?:Người tiếp nhận|Đối với giấy tờ|Bản chụp các giấy tờ)/u.test(name)),
    ).toEqual([]);
    expect(documentNotes).toContainEqual(
      expect.stringMatching(/^Người tiếp nhận có trách nhiệm tiếp nhận đúng, đủ/),
    );
    const missing = await get('/api/procedures/9.999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: { code: 'PROCEDURE_NOT_FOUND', message: 'Không tìm thấy thủ tục có mã 9.999999.' },
    });
  });

  it('answers 400 with the failing fields for bad parameters', async () => {
    for (const url of [
      '/api/procedures?pageSize=0',
      '/api/procedures?pageSize=201',
      '/api/procedures?page=abc',
      '/api/procedures?level=district',
      '/api/agencies?pageSize=500',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      const body = response.json<{
        error: { code: string; message: string; fields: { field: string; message: string }[] };
      }>();
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.fields[0]?.field).toMatch(/^querystring\.(page|pageSize|level)$/);
      expect(body.error.fields[0]?.message).not.toMatch(/stack|at \w+ \(/);
    }
  });

  it('lists fields with procedure counts', async () => {
    const body = (await get('/api/fields?pageSize=200')).json<{
      items: { name: string; procedureCount: number }[];
      total: number;
    }>();
    // The 41 civil-status procedures of the demo CSV and those the national records add.
    expect(body.items.find((field) => field.name === 'Hộ tịch')?.procedureCount).toBeGreaterThanOrEqual(41);
    expect(body.total).toBe(body.items.length);
  });

  it('lists and finds agencies: 103 communes and wards, accent-insensitive', async () => {
    const communes = (await get('/api/agencies?level=commune&pageSize=200')).json<{ total: number }>();
    expect(communes.total).toBe(103);
    const found = (await get('/api/agencies?q=ninh%20kieu')).json<{
      items: { code: string; name: string }[];
    }>();
    expect(found.items[0]).toMatchObject({ code: '000.31135.H13', name: 'Ủy ban nhân dân phường Ninh Kiều' });
    const departments = (await get('/api/agencies?kind=department&pageSize=200')).json<{ total: number }>();
    expect(departments.total).toBeGreaterThanOrEqual(15);
    const one = await get('/api/agencies/000.00.05.H13');
    expect(one.json()).toMatchObject({ name: 'Sở Tư pháp', level: 'province', kind: 'department' });
    expect(one.json<{ units: unknown[] }>().units.length).toBeGreaterThan(0);
    expect((await get('/api/agencies/NOPE')).statusCode).toBe(404);
  });

  describe('publication decisions', () => {
    it('does not offer a procedure before its decision takes effect, and offers it from that day', async () => {
      await makeProcedure(t, '9.910001', 'Thủ tục Zyxwvu sắp có hiệu lực');
      await addPublication(
        t.db.kysely,
        '9.910001',
        {
          kind: 'publish',
          decisionNumber: '100/QĐ-UBND',
          decisionDate: '2026-11-20',
          effectiveDate: '2026-12-01',
        },
        null,
      );
      expect((await get('/api/procedures/9.910001')).statusCode).toBe(404);
      expect(
        (await get('/api/procedures?q=zyxwvu%20sap%20co%20hieu%20luc')).json<{ total: number }>().total,
      ).toBe(0);
      const later = await testApp({ today: '2026-12-01' });
      try {
        expect((await later.app.inject({ method: 'GET', url: '/api/procedures/9.910001' })).statusCode).toBe(
          200,
        );
      } finally {
        await later.close();
      }
    });

    it('stops offering an abolished procedure on the abolition date and keeps the history', async () => {
      await makeProcedure(t, '9.910002', 'Thủ tục bị bãi bỏ');
      const token = await tokenFor(t.app, 'controller');
      const publish = await t.app.inject({
        method: 'POST',
        url: '/api/procedures/9.910002/publications',
        headers: bearer(token),
        payload: {
          kind: 'publish',
          decisionNumber: '200/QĐ-UBND',
          decisionDate: '2026-01-05',
          effectiveDate: '2026-01-10',
        },
      });
      expect(publish.statusCode).toBe(201);
      expect((await get('/api/procedures/9.910002')).statusCode).toBe(200);
      const abolish = await t.app.inject({
        method: 'POST',
        url: '/api/procedures/9.910002/publications',
        headers: bearer(token),
        payload: {
          kind: 'abolish',
          decisionNumber: '300/QĐ-UBND',
          decisionDate: '2026-11-01',
          effectiveDate: '2026-11-15',
        },
      });
      expect(abolish.statusCode).toBe(201);
      expect(abolish.json()).toMatchObject({
        offered: false,
        publications: [{ kind: 'publish' }, { kind: 'abolish' }],
      });
      expect((await get('/api/procedures/9.910002')).statusCode).toBe(404);
      const asController = await get('/api/procedures/9.910002', bearer(token));
      expect(asController.json()).toMatchObject({ offered: false });
    });

    it('refuses publication by anyone but a controller, and a duplicate decision', async () => {
      await makeProcedure(t, '9.910003', 'Thủ tục kiểm tra quyền công bố');
      const payload = {
        kind: 'publish',
        decisionNumber: '400/QĐ-UBND',
        decisionDate: '2026-01-05',
        effectiveDate: '2026-01-10',
      };
      const url = '/api/procedures/9.910003/publications';
      expect((await t.app.inject({ method: 'POST', url, payload })).statusCode).toBe(401);
      for (const username of ['receiver', 'processor.stp', 'agency_head.ninhkieu', 'citizen']) {
        const response = await t.app.inject({
          method: 'POST',
          url,
          payload,
          headers: bearer(await tokenFor(t.app, username)),
        });
        expect(response.statusCode, username).toBe(403);
        expect(response.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
      }
      expect((await get('/api/procedures/9.910003')).statusCode).toBe(404);
      const controller = bearer(await tokenFor(t.app, 'controller'));
      expect((await t.app.inject({ method: 'POST', url, payload, headers: controller })).statusCode).toBe(
        201,
      );
      const again = await t.app.inject({ method: 'POST', url, payload, headers: controller });
      expect(again.statusCode).toBe(409);
      const backwards = await t.app.inject({
        method: 'POST',
        url,
        headers: controller,
        payload: { ...payload, decisionNumber: '401/QĐ-UBND', effectiveDate: '2026-01-01' },
      });
      expect(backwards.statusCode).toBe(400);
    });
  });
});
