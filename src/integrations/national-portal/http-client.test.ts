import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpNationalPortal, renameFields } from './http-client.js';
import { portalProtocolSchema, type SyncRecord } from './model.js';
import { NationalPortalSimulator } from './simulator.js';

const record: SyncRecord = {
  MaHoSo: '000.00.01.H13-261122-0001',
  MaTTHC: '3.000333',
  TenTTHC: 'Cấp Phiếu lý lịch tư pháp',
  MaLinhVuc: 'ly-lich-tu-phap',
  TenLinhVuc: 'Lý lịch tư pháp',
  ChuHoSo: 'Nguyễn Thị Hồng Nhung',
  LoaiDoiTuong: '1',
  MaDoiTuong: '092190000001',
  ThongTinKhac: '',
  Email: '',
  Fax: '',
  SoDienThoai: '0901234567',
  TrichYeuHoSo: 'Cấp Phiếu lý lịch tư pháp',
  NgayTiepNhan: '20261122083005',
  NgayHenTra: '20261204170000',
  TrangThaiHoSo: '2',
  NgayTra: '',
  ThongTinTra: '',
  HinhThuc: '1',
  NgayKetThucXuLy: '',
  DonViXuLy: 'Sở Tư pháp',
  GhiChu: '',
  TaiLieuNop: [],
  DanhSachLePhi: [],
  DanhSachTepDinhKemKhac: [],
  DanhSachHoSoBoSung: [],
  DanhSachGiayToKetQua: [],
};

describe('national portal client against the simulator', () => {
  const portal = new NationalPortalSimulator();
  const client = (overrides: { password?: string; fetch?: typeof fetch; protocol?: unknown } = {}) =>
    httpNationalPortal(
      {
        baseUrl: portal.url,
        username: 'motcua',
        password: overrides.password ?? 'motcua-demo',
        timeoutMs: 2_000,
        protocol: portalProtocolSchema.parse(overrides.protocol ?? {}),
      },
      overrides.fetch ? { fetch: overrides.fetch } : {},
    );
  beforeAll(() => portal.start().then(() => undefined));
  afterAll(() => portal.stop());

  it('logs in once, and again only when the portal forgets the token', async () => {
    const portalClient = client();
    const before = portal.tokensIssued;
    expect(await portalClient.syncDossier({ messageId: 'a:1', isUpdating: false, record })).toEqual({
      kind: 'accepted',
      duplicate: false,
    });
    expect(await portalClient.syncDossier({ messageId: 'a:2', isUpdating: true, record })).toMatchObject({
      kind: 'accepted',
    });
    expect(portal.tokensIssued - before).toBe(1);
    portal.revokeTokens();
    expect(await portalClient.syncDossier({ messageId: 'a:3', isUpdating: true, record })).toMatchObject({
      kind: 'accepted',
    });
    expect(portal.tokensIssued - before).toBe(2);
    expect(await portalClient.syncDossier({ messageId: 'a:3', isUpdating: true, record })).toEqual({
      kind: 'accepted',
      duplicate: true,
    });
  });

  it('says what went wrong as a value: bad credentials, a refused record, a dossier it does not have', async () => {
    expect(
      await client({ password: 'wrong' }).syncDossier({ messageId: 'b:1', isUpdating: false, record }),
    ).toEqual({
      kind: 'unauthorised',
      status: 401,
    });
    const refused = await client().syncDossier({
      messageId: 'b:2',
      isUpdating: true,
      record: { ...record, NgayHenTra: '2026-12-04' },
    });
    expect(refused).toMatchObject({ kind: 'refused', code: '01' });
    expect(refused.kind === 'refused' && refused.message).toContain('NgayHenTra');
    expect(
      await client().syncDossier({
        messageId: 'b:3',
        isUpdating: true,
        record: { ...record, MaHoSo: 'X-1' },
      }),
    ).toMatchObject({ kind: 'refused', code: '03' });
  });

  it('after a 429 sends nothing until the Retry-After has passed', async () => {
    const portalClient = client();
    await portalClient.syncDossier({ messageId: 'c:0', isUpdating: true, record });
    portal.rateLimit({ requests: 0, windowMs: 60_000 });
    const limited = await portalClient.syncDossier({ messageId: 'c:1', isUpdating: true, record });
    expect(limited).toMatchObject({ kind: 'rate_limited' });
    expect(limited.kind === 'rate_limited' && limited.retryAfterMs).toBeGreaterThan(58_000);
    const requests = portal.traffic.requests;
    expect(await portalClient.syncDossier({ messageId: 'c:2', isUpdating: true, record })).toMatchObject({
      kind: 'rate_limited',
    });
    expect(portal.traffic.requests).toBe(requests);
    portal.rateLimit(null);
  });

  it('sends the configured field names, header and paths', async () => {
    const seen: { url: string; headers: Headers; body: string }[] = [];
    const spy: typeof fetch = async (input, init) => {
      seen.push({ url: String(input), headers: new Headers(init?.headers), body: String(init?.body ?? '') });
      return fetch(input, init);
    };
    await client({
      fetch: spy,
      protocol: { messageIdHeader: 'x-message-id', fieldNames: { TenTTHC: 'TenThuTuc' } },
    }).syncDossier({
      messageId: 'd:1',
      isUpdating: true,
      record,
    });
    const sync = seen.find((call) => call.url.endsWith('/DongBoHoSoMC'));
    expect(sync?.headers.get('x-message-id')).toBe('d:1');
    expect(sync?.headers.get('authorization')).toMatch(/^Bearer \S+$/);
    expect(JSON.parse(sync?.body ?? '{}').data[0]).toHaveProperty('TenThuTuc', 'Cấp Phiếu lý lịch tư pháp');
  });
});

describe('field renames', () => {
  it('renames keys at any depth and leaves values alone', () => {
    expect(
      renameFields(
        { MaHoSo: 'MaHoSo', data: [{ MaHoSo: 1, TaiLieuNop: [{ MaHoSo: 2 }] }] },
        { MaHoSo: 'maHoSo' },
      ),
    ).toEqual({ maHoSo: 'MaHoSo', data: [{ maHoSo: 1, TaiLieuNop: [{ maHoSo: 2 }] }] });
  });
});
