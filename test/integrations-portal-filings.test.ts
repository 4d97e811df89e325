import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../src/documents/signing/test-fixtures.js';
import { jpeg, tiff } from '../src/documents/test-samples.js';
import { httpNationalPortal } from '../src/integrations/national-portal/http-client.js';
import { type PortalFiling, portalProtocolSchema } from '../src/integrations/national-portal/model.js';
import type { NationalPortal } from '../src/integrations/national-portal/port.js';
import { receivePortalFilings } from '../src/integrations/national-portal/receive-filings.js';
import { NationalPortalSimulator } from '../src/integrations/national-portal/simulator.js';
import { AppError } from '../src/shared/errors.js';
import { birthDocuments, birthForm, Desk } from './dossier-fixtures.js';
import { bearer, type TestApp, testApp } from './helpers.js';

/**
 * Dossiers filed on the national portal, taken in over HTTP from the portal's simulator: each becomes an online
 * dossier with its files, once however often it is handed over, and the portal is told our code and where to
 * follow it — or, for a filing we cannot take, why.
 */
describe('dossiers filed on the national portal', () => {
  let t: TestApp;
  let desk: Desk;
  let portal: NationalPortalSimulator;
  let FORM = '';
  let serial = 0;

  const client = (): NationalPortal =>
    httpNationalPortal({
      baseUrl: portal.url,
      username: 'motcua',
      password: 'motcua-demo',
      timeoutMs: 2_000,
      protocol: portalProtocolSchema.parse({}),
    });
  const deps = (override?: NationalPortal) => ({
    portal: override ?? client(),
    dossiers: t.deps,
    publicUrl: 'https://dichvucong.cantho.example',
  });

  async function filing(overrides: Partial<PortalFiling> = {}): Promise<PortalFiling> {
    serial++;
    return {
      MaHoSoQuocGia: `G22.99-261207-${String(serial).padStart(4, '0')}`,
      MaTTHC: '1.001193',
      NgayNop: '20261207091500',
      ChuHoSo: {
        LoaiDoiTuong: '1',
        HoTen: 'Đặng Thị Thu Trang',
        SoGiayTo: `09219300${String(1000 + serial).slice(-4)}`,
        NgaySinh: '19930214',
        SoDienThoai: '0907111222',
        Email: '',
        DiaChi: '45 Nguyễn Trãi',
        MaXa: '31135',
      },
      DuLieuToKhai: birthForm,
      TaiLieuNop: [
        {
          TenGiayTo: FORM,
          HinhThuc: '1',
          SoBan: 1,
          TepDinhKem: [
            { TenTep: 'to-khai.pdf', NoiDung: (await samplePdf()).toString('base64') },
            { TenTep: 'trang-2.jpg', NoiDung: jpeg().toString('base64') },
          ],
        },
      ],
      ...overrides,
    };
  }

  const dossiersOfPortalId = async (portalId: string) =>
    (
      await sql<{ code: string; owner_id: number | null; channel: string }>`
        SELECT d.code, d.owner_id, d.channel FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
        WHERE e.action = 'submit' AND e.payload->>'nationalPortalId' = ${portalId}`.execute(t.db.kysely)
    ).rows;

  beforeAll(async () => {
    t = await testApp();
    desk = new Desk(t.app);
    ({ form: FORM } = await birthDocuments(t.app));
  });
  afterEach(async () => {
    await portal?.stop();
  });
  afterAll(() => t.close());

  it('takes a filing in as an online dossier with its files, and tells the portal our code', async () => {
    portal = new NationalPortalSimulator();
    await portal.start();
    const filed = await filing();
    // The portal's own way in: a citizen files there (here, through the simulator's HTTP door).
    const submitted = await fetch(`${portal.url}/_simulator/filings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(filed),
    });
    expect(submitted.status).toBe(201);

    const round = await receivePortalFilings(deps());
    expect(round).toMatchObject({ refused: [], unanswered: 0, failure: null });
    expect(round.received).toHaveLength(1);
    const code = round.received[0] ?? '';

    const answer = portal.acknowledgementOf(filed.MaHoSoQuocGia);
    expect(answer).toMatchObject({ KetQua: '1', MaHoSo: code, LyDo: '' });
    expect(answer?.DuongDanTraCuu).toBe(
      `https://dichvucong.cantho.example/tra-cuu/${encodeURIComponent(code)}`,
    );
    expect(answer?.NgayTiepNhan).toMatch(/^\d{14}$/);

    // An online dossier like any other, without an account of ours (it joins the applicant's at their VNeID login).
    expect(await dossiersOfPortalId(filed.MaHoSoQuocGia)).toEqual([
      { code, owner_id: null, channel: 'online' },
    ]);
    const controller = bearer(await desk.token('controller'));
    const files = (await t.app.inject({ url: `/api/dossiers/${code}/files`, headers: controller })).json();
    expect(
      files.items.map((f: { documentName: string; name: string; mime: string }) => [
        f.documentName,
        f.name,
        f.mime,
      ]),
    ).toEqual([
      [FORM, 'to-khai.pdf', 'application/pdf'],
      [FORM, 'trang-2.jpg', 'image/jpeg'],
    ]);
    // The receiving centre checks it and accepts it as it would a filing on our portal.
    const accepted = await desk.ok('receiver.ninhkieu', code, { action: 'accept' });
    expect(accepted.status).toBe('accepted');

    // Nothing is pending any more: the next round takes nothing.
    expect((await receivePortalFilings(deps())).received).toEqual([]);
  });

  it('a filing received but not acknowledged comes back and is acknowledged without a second dossier', async () => {
    portal = new NationalPortalSimulator();
    await portal.start();
    const filed = await filing();
    portal.file(filed);
    const real = client();
    // The acknowledgement is lost the first time (the portal goes away between the two calls).
    const flaky: NationalPortal = {
      ...real,
      pendingFilings: (request) => real.pendingFilings(request),
      acknowledgeFiling: async () => ({ kind: 'unavailable', status: null, detail: 'connection reset' }),
    };
    const first = await receivePortalFilings(deps(flaky));
    expect(first.failure).toMatchObject({ kind: 'unavailable' });
    expect(portal.acknowledgementOf(filed.MaHoSoQuocGia)).toBeNull();
    const [made] = await dossiersOfPortalId(filed.MaHoSoQuocGia);
    expect(made).toBeDefined();

    const second = await receivePortalFilings(deps());
    expect(second.received).toEqual([made?.code]);
    expect(portal.acknowledgementOf(filed.MaHoSoQuocGia)?.MaHoSo).toBe(made?.code);
    expect(await dossiersOfPortalId(filed.MaHoSoQuocGia)).toHaveLength(1);

    // The portal hands the same filing over again with a changed phone: the same dossier answers it.
    const again = new NationalPortalSimulator();
    await again.start();
    try {
      again.file({ ...filed, ChuHoSo: { ...filed.ChuHoSo, SoDienThoai: '0907999888' } });
      const answered = await receivePortalFilings({
        ...deps(),
        portal: httpNationalPortal({
          baseUrl: again.url,
          username: 'motcua',
          password: 'motcua-demo',
          timeoutMs: 2_000,
          protocol: portalProtocolSchema.parse({}),
        }),
      });
      expect(answered.received).toEqual([made?.code]);
      expect(again.acknowledgementOf(filed.MaHoSoQuocGia)?.MaHoSo).toBe(made?.code);
      expect(await dossiersOfPortalId(filed.MaHoSoQuocGia)).toHaveLength(1);
    } finally {
      await again.stop();
    }
  });

  it('refuses what it cannot take, says why, and goes on with the next filing', async () => {
    portal = new NationalPortalSimulator();
    await portal.start();
    const executable = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(600, 1)]);
    const disguised = await filing({
      TaiLieuNop: [
        {
          TenGiayTo: FORM,
          HinhThuc: '1',
          SoBan: 1,
          TepDinhKem: [{ TenTep: 'to-khai.pdf', NoiDung: executable.toString('base64') }],
        },
      ],
    });
    const unknownProcedure = await filing({ MaTTHC: '9.999999' });
    const malformed = { MaHoSoQuocGia: 'G22.99-261207-HONG', MaTTHC: '1.001193' };
    const good = await filing();
    for (const f of [disguised, unknownProcedure, malformed, good]) portal.file(f);

    const round = await receivePortalFilings(deps(), 10);
    expect(round.refused.map((r) => r.portalId)).toEqual([
      disguised.MaHoSoQuocGia,
      unknownProcedure.MaHoSoQuocGia,
      malformed.MaHoSoQuocGia,
    ]);
    expect(round.received).toHaveLength(1);
    expect(portal.acknowledgementOf(disguised.MaHoSoQuocGia)).toMatchObject({ KetQua: '0', MaHoSo: '' });
    expect(portal.acknowledgementOf(disguised.MaHoSoQuocGia)?.LyDo).toMatch(/to-khai\.pdf/);
    expect(portal.acknowledgementOf(unknownProcedure.MaHoSoQuocGia)?.LyDo).toMatch(/Không tìm thấy thủ tục/);
    expect(portal.acknowledgementOf(malformed.MaHoSoQuocGia)?.LyDo).toMatch(/Dữ liệu hồ sơ không hợp lệ/);
    for (const f of [disguised, unknownProcedure, malformed])
      expect(await dossiersOfPortalId(f.MaHoSoQuocGia)).toEqual([]);
    expect(await dossiersOfPortalId(good.MaHoSoQuocGia)).toHaveLength(1);
  });

  it('leaves filings where they are while the portal is down or refuses our credentials', async () => {
    portal = new NationalPortalSimulator();
    await portal.start();
    const filed = await filing();
    portal.file(filed);
    const wrong = httpNationalPortal({
      baseUrl: portal.url,
      username: 'motcua',
      password: 'sai-mat-khau',
      timeoutMs: 2_000,
      protocol: portalProtocolSchema.parse({}),
    });
    expect((await receivePortalFilings(deps(wrong))).failure).toMatchObject({ kind: 'unauthorised' });
    const url = portal.url;
    await portal.stop();
    const down = httpNationalPortal({
      baseUrl: url,
      username: 'motcua',
      password: 'motcua-demo',
      timeoutMs: 1_000,
      protocol: portalProtocolSchema.parse({}),
    });
    expect((await receivePortalFilings(deps(down))).failure).toMatchObject({ kind: 'unavailable' });
    expect(await dossiersOfPortalId(filed.MaHoSoQuocGia)).toEqual([]);
  });

  it('takes filings whose files are larger than a small answer, and refuses text that cannot be stored', async () => {
    portal = new NationalPortalSimulator();
    await portal.start();
    const nul = await filing();
    nul.ChuHoSo.HoTen = 'Đặng Thị\u0000 Trang';
    const large = await filing({
      TaiLieuNop: [
        {
          TenGiayTo: FORM,
          HinhThuc: '1',
          SoBan: 1,
          TepDinhKem: [{ TenTep: 'to-khai-quet.tif', NoiDung: tiff(600, 500).toString('base64') }],
        },
      ],
    });
    // A form field named like a file's contents is cleaned like any other text.
    const hidden = await filing();
    hidden.DuLieuToKhai = { ...birthForm, NoiDung: 'ghi chú\u0000' };
    portal.file(nul);
    portal.file(hidden);
    portal.file(large);
    const first = await receivePortalFilings(deps(), 3);
    expect(first.failure).toBeNull();
    expect(first.refused.map((r) => r.portalId)).toEqual([nul.MaHoSoQuocGia, hidden.MaHoSoQuocGia]);
    for (const refused of [nul, hidden])
      expect(portal.acknowledgementOf(refused.MaHoSoQuocGia)?.LyDo).toMatch(/Dữ liệu hồ sơ không hợp lệ/);
    expect(first.received).toHaveLength(1);
    expect(await dossiersOfPortalId(large.MaHoSoQuocGia)).toHaveLength(1);
  });

  it('leaves a filing for the next round when the fault is ours (the virus scanner down)', async () => {
    portal = new NationalPortalSimulator();
    await portal.start();
    const filed = await filing();
    portal.file(filed);
    const scannerDown = {
      ...deps(),
      dossiers: {
        ...t.deps,
        documents: {
          ...t.deps.documents,
          scanner: {
            description: 'ClamAV (không phản hồi)',
            scan: async () => {
              throw new AppError('SCANNER_UNAVAILABLE', 'Trình quét mã độc không phản hồi.');
            },
          },
        },
      },
    };
    await expect(receivePortalFilings(scannerDown)).rejects.toThrow(/quét mã độc/);
    expect(portal.acknowledgementOf(filed.MaHoSoQuocGia)).toBeNull();
    expect(await dossiersOfPortalId(filed.MaHoSoQuocGia)).toEqual([]);
    const later = await receivePortalFilings(deps());
    expect(later.received).toHaveLength(1);
    expect(portal.acknowledgementOf(filed.MaHoSoQuocGia)?.KetQua).toBe('1');
  });
});
