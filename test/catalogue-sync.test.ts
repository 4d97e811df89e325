import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpNationalCatalogue } from '../src/integrations/national-catalogue/http-client.js';
import { NationalCatalogueSimulator } from '../src/integrations/national-catalogue/simulator.js';
import { syncCatalogue } from '../src/integrations/national-catalogue/sync-catalogue.js';
import { Desk } from './dossier-fixtures.js';
import { bearer, type TestApp, testApp } from './helpers.js';

/** Real detail records of the national database, as shipped. */
const RECORDS = gunzipSync(readFileSync('src/catalog/national/data/procedures.jsonl.gz'))
  .toString('utf8')
  .split('\n')
  .filter(Boolean)
  .slice(0, 60)
  .map((line) => JSON.parse(line) as Record<string, unknown> & { ma_thu_tuc: string; ten_thu_tuc: string });

/**
 * The catalogue sync over HTTP against the national database's simulator: new, amended and abolished procedures
 * become drafts, and nothing reaches the catalogue until a controller publishes it by a decision.
 */
describe('catalogue sync from the national procedure database', () => {
  let t: TestApp;
  let desk: Desk;
  let feed: NationalCatalogueSimulator;
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

  const sync = () =>
    syncCatalogue({
      db: t.db.kysely,
      catalogue: httpNationalCatalogue({
        baseUrl: feed.url,
        apiKey: 'catalogue-demo-key',
        timeoutMs: 2_000,
        changesPath: '/api/thu-tuc/thay-doi',
      }),
    });
  const controller = async () => bearer(await desk.token('controller'));
  const drafts = async (status = 'pending') =>
    (
      await t.app.inject({ url: `/api/catalog/drafts?status=${status}`, headers: await controller() })
    ).json() as {
      total: number;
      items: { id: number; code: string; change: string; name: string | null; review: unknown[] }[];
    };
  const procedure = (code: string) => t.app.inject({ url: `/api/procedures/${code}` });
  const decision = (number: string) => ({
    decisionNumber: number,
    decisionDate: today,
    effectiveDate: today,
  });
  const publish = async (id: number, number: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/catalog/drafts/${id}/publish`,
      headers: await controller(),
      payload: decision(number),
    });

  beforeAll(async () => {
    t = await testApp();
    desk = new Desk(t.app);
    feed = new NationalCatalogueSimulator();
    await feed.start();
  });
  afterEach(() => undefined);
  afterAll(async () => {
    await feed.stop();
    await t.close();
  });

  it('keeps new, amended and abolished procedures as drafts and changes nothing in the catalogue', async () => {
    const [fresh, amended, abolished] = RECORDS;
    if (!fresh || !amended || !abolished) throw new Error('the shipped file has records');
    const before = (await (await procedure(amended.ma_thu_tuc)).json()) as { name: string };
    feed.change({
      loai: 'moi',
      ma_thu_tuc: '9.900001',
      ngay_thay_doi: '20261201080000',
      ban_ghi: { ...fresh, ma_thu_tuc: '9.900001', ten_thu_tuc: 'Thủ tục thử nghiệm đồng bộ danh mục' },
    });
    feed.change({
      loai: 'sua_doi',
      ma_thu_tuc: amended.ma_thu_tuc,
      ngay_thay_doi: '20261202080000',
      ban_ghi: { ...amended, ten_thu_tuc: `${amended.ten_thu_tuc} (sửa đổi năm 2026)` },
    });
    feed.change({
      loai: 'bai_bo',
      ma_thu_tuc: abolished.ma_thu_tuc,
      ngay_thay_doi: '20261203080000',
      ban_ghi: null,
    });
    // A record that is not one: refused, not kept, and the feed goes on.
    feed.change({
      loai: 'moi',
      ma_thu_tuc: '9.900002',
      ngay_thay_doi: '20261203090000',
      ban_ghi: { hong: true },
    });

    const round = await sync();
    expect(round).toMatchObject({ drafts: 3, failure: null });
    expect(round.refused).toEqual([expect.objectContaining({ seq: 4, code: '9.900002' })]);
    const pending = await drafts();
    expect(pending.items.map((d) => [d.code, d.change])).toEqual([
      ['9.900001', 'new'],
      [amended.ma_thu_tuc, 'amended'],
      [abolished.ma_thu_tuc, 'abolished'],
    ]);
    expect(pending.items[0]?.name).toBe('Thủ tục thử nghiệm đồng bộ danh mục');

    // Nothing published by the sync itself.
    expect((await procedure('9.900001')).statusCode).toBe(404);
    expect((await (await procedure(amended.ma_thu_tuc)).json()).name).toBe(before.name);
    expect((await procedure(abolished.ma_thu_tuc)).statusCode).toBe(200);

    // A second round takes nothing new.
    expect(await sync()).toMatchObject({ drafts: 0, refused: [] });
    expect((await drafts()).total).toBe(3);
  });

  it('only controllers see and decide drafts', async () => {
    for (const who of ['citizen', 'receiver.ninhkieu']) {
      const headers = bearer(await desk.token(who));
      expect((await t.app.inject({ url: '/api/catalog/drafts', headers })).statusCode).toBe(403);
      const [first] = (await drafts()).items;
      const publish = await t.app.inject({
        method: 'POST',
        url: `/api/catalog/drafts/${first?.id}/publish`,
        headers,
        payload: decision('X-01/QĐ-UBND'),
      });
      expect(publish.statusCode).toBe(403);
    }
    expect((await t.app.inject({ url: '/api/catalog/drafts' })).statusCode).toBe(401);
    expect((await drafts()).total).toBe(3);
  });

  it('a controller publishes each by a decision: a new procedure, a new version, an abolition', async () => {
    const [fresh, amended, abolished] = (await drafts()).items;
    if (!fresh || !amended || !abolished) throw new Error('three drafts');
    const headers = await controller();

    // A decision that takes effect before it is made is refused, and nothing changes.
    const backwards = await t.app.inject({
      method: 'POST',
      url: `/api/catalog/drafts/${fresh.id}/publish`,
      headers,
      payload: { decisionNumber: 'X-02/QĐ-UBND', decisionDate: today, effectiveDate: '2020-01-01' },
    });
    expect(backwards.statusCode).toBe(400);
    expect((await procedure('9.900001')).statusCode).toBe(404);

    expect((await publish(fresh.id, 'DB-01/QĐ-UBND')).statusCode).toBe(204);
    const created = await procedure('9.900001');
    expect(created.statusCode).toBe(200);
    expect(created.json().name).toBe('Thủ tục thử nghiệm đồng bộ danh mục');
    // Published once: the same draft again is not found.
    expect((await publish(fresh.id, 'DB-01/QĐ-UBND')).json().error.code).toBe('DRAFT_NOT_FOUND');

    const versions = async () =>
      (await t.app.inject({ url: `/api/procedures/${amended.code}/versions` })).json();
    const count = (await versions()).total;
    expect((await publish(amended.id, 'DB-02/QĐ-UBND')).statusCode).toBe(204);
    expect((await (await procedure(amended.code)).json()).name).toMatch(/\(sửa đổi năm 2026\)$/);
    const history = await versions();
    expect(history.total).toBe(count + 1);
    expect(history.items[0].decisionNumber).toBe('DB-02/QĐ-UBND');

    const search = async () =>
      (await t.app.inject({ url: `/api/procedures?q=${encodeURIComponent(abolished.code)}` }))
        .json()
        .items.some((p: { code: string }) => p.code === abolished.code);
    expect(await search()).toBe(true);
    expect((await publish(abolished.id, 'DB-03/QĐ-UBND')).statusCode).toBe(204);
    expect(await search()).toBe(false);

    expect((await drafts()).total).toBe(0);
    expect((await drafts('published')).items.map((d) => d.code)).toEqual([
      '9.900001',
      amended.code,
      abolished.code,
    ]);
  });

  it('a controller sets a change aside with a reason, and the catalogue keeps what it had', async () => {
    feed.change({ loai: 'bai_bo', ma_thu_tuc: '1.001193', ngay_thay_doi: '20261204080000', ban_ghi: null });
    expect((await sync()).drafts).toBe(1);
    const [draft] = (await drafts()).items;
    const headers = await controller();
    const dismiss = (reason: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/catalog/drafts/${draft?.id}/dismiss`,
        headers,
        payload: { reason },
      });
    expect((await dismiss('x')).statusCode).toBe(400);
    expect((await dismiss('Tỉnh chưa có quyết định bãi bỏ')).statusCode).toBe(204);
    expect((await drafts()).total).toBe(0);
    expect((await procedure('1.001193')).statusCode).toBe(200);
  });

  it('reports the feed down or our key refused, and takes nothing', async () => {
    const wrongKey = await syncCatalogue({
      db: t.db.kysely,
      catalogue: httpNationalCatalogue({
        baseUrl: feed.url,
        apiKey: 'sai',
        timeoutMs: 2_000,
        changesPath: '/api/thu-tuc/thay-doi',
      }),
    });
    expect(wrongKey.failure).toMatchObject({ kind: 'unauthorised' });
    const down = await syncCatalogue({
      db: t.db.kysely,
      catalogue: httpNationalCatalogue({
        baseUrl: 'http://127.0.0.1:9',
        apiKey: 'catalogue-demo-key',
        timeoutMs: 1_000,
        changesPath: '/api/thu-tuc/thay-doi',
      }),
    });
    expect(down.failure).toMatchObject({ kind: 'unavailable' });
  });

  it('reads a full page of real records, passes over a malformed change, and never lets an older change undo a newer', async () => {
    const page = RECORDS.slice(3, 56);
    feed.change({
      loai: 'them_moi',
      ma_thu_tuc: '9.900003',
      ngay_thay_doi: '20261205080000',
      ban_ghi: null,
    } as never);
    for (const record of page)
      feed.change({
        loai: 'sua_doi',
        ma_thu_tuc: record.ma_thu_tuc,
        ngay_thay_doi: '20261205090000',
        ban_ghi: record,
      });
    const [target] = page;
    if (!target) throw new Error('records');
    feed.change({
      loai: 'sua_doi',
      ma_thu_tuc: target.ma_thu_tuc,
      ngay_thay_doi: '20261206090000',
      ban_ghi: { ...target, ten_thu_tuc: `${target.ten_thu_tuc} (lần sửa thứ hai)` },
    });
    // A change dated in the year 100 is not a plausible change of the national database.
    const implausible = RECORDS[58];
    if (!implausible) throw new Error('records');
    feed.change({
      loai: 'sua_doi',
      ma_thu_tuc: implausible.ma_thu_tuc,
      ngay_thay_doi: '01000101080000',
      ban_ghi: implausible,
    });
    const round = await sync();
    expect(round.failure).toBeNull();
    expect(round.refused).toEqual([
      expect.objectContaining({ code: null }),
      expect.objectContaining({
        code: implausible.ma_thu_tuc,
        reason: expect.stringMatching(/không đúng dạng/),
      }),
    ]);
    expect(round.drafts).toBe(page.length + 1);

    const pending = (
      await t.app.inject({ url: '/api/catalog/drafts?pageSize=100', headers: await controller() })
    ).json().items as { id: number; code: string }[];
    const ofTarget = pending.filter((d) => d.code === target.ma_thu_tuc);
    expect(ofTarget).toHaveLength(2);
    const [older, newer] = ofTarget;
    expect((await publish(newer?.id ?? 0, 'DB-10/QĐ-UBND')).statusCode).toBe(204);
    // The older change of the same procedure is set aside, and cannot be published over the newer.
    expect((await publish(older?.id ?? 0, 'DB-11/QĐ-UBND')).statusCode).toBe(404);
    expect((await procedure(target.ma_thu_tuc)).json().name).toMatch(/\(lần sửa thứ hai\)$/);
  });
});
