import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DossierStatus, NATIONAL_STATUS } from '../src/dossiers/model.js';
import { nationalPortalHandler } from '../src/integrations/national-portal/deliver.js';
import { httpNationalPortal } from '../src/integrations/national-portal/http-client.js';
import {
  NATIONAL_PORTAL_CONSUMER,
  NATIONAL_PORTAL_HANDLER,
  type ProgressRecord,
  portalProtocolSchema,
  type SyncRecord,
} from '../src/integrations/national-portal/model.js';
import { parsePortalDate } from '../src/integrations/national-portal/portal-date.js';
import { registerNationalPortalConsumer } from '../src/integrations/national-portal/register.js';
import { NationalPortalSimulator } from '../src/integrations/national-portal/simulator.js';
import type { WorkerOptions } from '../src/outbox/worker.js';
import { applicant, Desk } from './dossier-fixtures.js';
import { bearer, type TestApp, testApp } from './helpers.js';
import {
  counterDossier,
  deliveriesOf,
  finishDossier,
  until,
  WorkerProcesses,
} from './integration-fixtures.js';

describe('national portal sync over HTTP against the simulator', () => {
  let t: TestApp;
  let desk: Desk;
  const workers = new WorkerProcesses();
  let portal: NationalPortalSimulator;

  function startWorker(options: Partial<WorkerOptions>, timeoutMs = 2_000) {
    return workers.start(
      (db) => ({
        [NATIONAL_PORTAL_HANDLER]: nationalPortalHandler({
          db: db.kysely,
          portal: httpNationalPortal({
            baseUrl: portal.url,
            username: 'motcua',
            password: 'motcua-demo',
            timeoutMs,
            protocol: portalProtocolSchema.parse({}),
          }),
        }),
      }),
      options,
    );
  }

  async function deliveries() {
    return deliveriesOf(t.db, NATIONAL_PORTAL_CONSUMER);
  }

  /** The national status after each of a dossier's events, read from its event log over the API. */
  async function statusesOf(code: string): Promise<string[]> {
    const events = await t.app.inject({
      url: `/api/dossiers/${code}/events`,
      headers: bearer(await desk.token('controller')),
    });
    return events.json().items.map((e: { toStatus: DossierStatus }) => String(NATIONAL_STATUS[e.toStatus]));
  }

  const syncs = (code: string) =>
    portal
      .messagesOf(code)
      .filter((m) => m.service === 'DongBoHoSoMC')
      .map((m) => m.record as SyncRecord);
  const progress = (code: string) =>
    portal
      .messagesOf(code)
      .filter((m) => m.service === 'CapNhatTienDoHoSoMC')
      .map((m) => m.record as ProgressRecord);

  beforeAll(async () => {
    t = await testApp();
    desk = new Desk(t.app);
    await registerNationalPortalConsumer(t.db.kysely);
  });
  afterEach(async () => {
    await portal?.stop();
    await workers.closeAll();
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends every event once, in order: the dossier with its status 1–10, and each hand-over with who and where', async () => {
    portal = new NationalPortalSimulator();
    await portal.start();
    const code = await counterDossier(desk, 3);
    await finishDossier(desk, code);
    const online = await desk.intake('citizen', {
      procedureCode: '1.001193',
      channel: 'online',
      applicant: applicant({ fullName: 'Trần Văn Bình' }),
      formData: {
        childFullName: 'Trần Gia Bảo',
        childBirthDate: '2026-11-20',
        childSex: 'Nam',
        birthPlace: 'Bệnh viện Phụ sản thành phố Cần Thơ',
        motherFullName: 'Nguyễn Thị Hồng Nhung',
        relationship: 'Mẹ',
      },
      documents: [{ name: 'Tờ khai đăng ký khai sinh', form: 'original' }],
    });
    const onlineCode = online.json().code as string;
    await desk.ok('receiver.ninhkieu', onlineCode, {
      action: 'request_supplement',
      items: ['Giấy chứng sinh (bản chính)'],
      reason: 'Hồ sơ thiếu giấy chứng sinh',
    });
    await desk.ok('citizen', onlineCode, {
      action: 'submit_supplement',
      documents: [{ name: 'Giấy chứng sinh', form: 'original' }],
    });
    await desk.ok('receiver.ninhkieu', onlineCode, { action: 'accept' });

    const worker = await startWorker({ maxAttempts: 3 });
    await until(async () => (await deliveries()).every((d) => d.status === 'delivered'));
    await worker.stop();

    expect(syncs(code).map((r) => r.TrangThaiHoSo)).toEqual(await statusesOf(code));
    expect(syncs(code).map((r) => r.TrangThaiHoSo)).toEqual(['2', '4', '4', '4', '4', '9', '10']);
    expect(
      portal
        .messagesOf(code)
        .filter((m) => m.service === 'DongBoHoSoMC')
        .map((m) => m.isUpdating),
    ).toEqual([false, true, true, true, true, true, true]);
    const returned = syncs(code).at(-1);
    expect(returned).toMatchObject({
      MaHoSo: code,
      MaTTHC: '3.000333',
      ChuHoSo: 'Nguyễn Thị Hồng Nhung',
      LoaiDoiTuong: '1',
      HinhThuc: '1',
      ThongTinTra: 'Trả kết quả tại Bộ phận Một cửa',
      DanhSachGiayToKetQua: [expect.objectContaining({ GiayToId: '123/PLLTP' })],
    });
    for (const field of ['NgayTiepNhan', 'NgayHenTra', 'NgayTra', 'NgayKetThucXuLy'] as const)
      expect(parsePortalDate(returned?.[field] ?? ''), field).not.toBeNull();

    // Hand-overs: reception → appraisal → approval → issuing → return → done (signing stays in its step).
    const handOvers = progress(code);
    expect(handOvers.map((p) => p.TrangThai)).toEqual(['4', '4', '4', '9', '10']);
    expect(handOvers[0]).toMatchObject({ ChucDanh: 'Công chức Bộ phận Một cửa' });
    expect(handOvers[0]?.NguoiXuLy).not.toBe('receiver');
    expect(handOvers[0]?.NoiDungXuLy).toContain('Chuyển bước xử lý');

    expect(syncs(onlineCode).map((r) => r.TrangThaiHoSo)).toEqual(['1', '5', '1', '2']);
    expect(syncs(onlineCode).at(-1)).toMatchObject({
      HinhThuc: '2',
      DanhSachHoSoBoSung: [
        expect.objectContaining({
          NoiDungBoSung: 'Giấy chứng sinh (bản chính). Lý do: Hồ sơ thiếu giấy chứng sinh',
        }),
      ],
      TaiLieuNop: [
        expect.objectContaining({ TenTepDinhKem: 'Tờ khai đăng ký khai sinh' }),
        expect.objectContaining({ TenTepDinhKem: 'Giấy chứng sinh' }),
      ],
    });
    expect(portal.refused).toEqual([]);
    expect(portal.duplicates).toBe(0);
  });

  it('survives the portal down for a simulated hour (503, then connections refused): all delivered after, in order, none twice', async () => {
    // The simulator's clock runs 1,200 times faster than the wall clock: an hour passes in 3 seconds. The
    // worker's backoff is production's (2 s doubling to 15 min) divided by the same factor.
    const scale = 1_200;
    const origin = Date.now();
    portal = new NationalPortalSimulator({ clock: () => origin + (Date.now() - origin) * scale });
    await portal.start();
    await portal.outage('unavailable', 3_600_000);
    const outageEnd = portal.now() + 3_600_000;
    const codes = [
      await counterDossier(desk, 3),
      await counterDossier(desk, 2),
      await counterDossier(desk, 1),
    ];
    const expected = (await deliveries()).filter((d) => d.status === 'pending').length;
    expect(expected).toBe(4 + 3 + 2);

    const first = await startWorker({ maxAttempts: 20, backoff: { baseMs: 2, maxMs: 750 } });
    await until(() => portal.traffic.unavailable >= 9);
    // Half way through the hour, the portal stops answering at all; the worker's process is restarted.
    await until(() => portal.now() > outageEnd - 1_800_000);
    await portal.outage('refused');
    await first.stop();
    const second = await startWorker({ maxAttempts: 20, backoff: { baseMs: 2, maxMs: 750 } });
    await until(() => portal.now() >= outageEnd);
    expect(portal.received).toHaveLength(0);
    await portal.restore();
    await until(async () => (await deliveries()).every((d) => d.status === 'delivered'), 20_000);
    await second.stop();

    for (const message of portal.received) expect(message.receivedAt).toBeGreaterThanOrEqual(outageEnd);
    for (const code of codes) expect(syncs(code).map((r) => r.TrangThaiHoSo)).toEqual(await statusesOf(code));
    const ids = portal.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await deliveries()).filter((d) => d.status === 'dead')).toHaveLength(0);
  });

  it('applies a message once when its answer is lost and the delivery is retried', async () => {
    portal = new NationalPortalSimulator();
    await portal.start();
    const worker = await startWorker({ maxAttempts: 10, backoff: { baseMs: 50, maxMs: 100 } }, 150);
    await counterDossier(desk, 0);
    await until(() => portal.received.length === 1);
    // Logged in now; from here the portal applies each message but answers too late for the client.
    portal.answerDelayMs = 400;
    const code = await counterDossier(desk, 0);
    await until(() => portal.received.length === 2);
    await until(() => portal.duplicates >= 1);
    portal.answerDelayMs = 0;
    await until(async () => (await deliveries()).every((d) => d.status === 'delivered'));
    await worker.stop();
    expect(portal.messagesOf(code)).toHaveLength(1);
    expect(portal.duplicates).toBeGreaterThanOrEqual(1);
  });

  it('parks a message the portal refuses as a dead letter without holding up the next one', async () => {
    portal = new NationalPortalSimulator();
    await portal.start();
    const code = await counterDossier(desk, 2);
    portal.refuseWhen = (service, record) =>
      service === 'CapNhatTienDoHoSoMC' &&
      record.MaHoSo === code &&
      'NoiDungXuLy' in record &&
      record.NoiDungXuLy.includes('→ Thẩm định');
    const worker = await startWorker({ maxAttempts: 3, backoff: { baseMs: 5, maxMs: 10 } });
    await until(async () => (await deliveries()).every((d) => d.status !== 'pending'));
    await worker.stop();

    const mine = (await deliveries()).filter((d) => d.stream === code);
    expect(mine.map((d) => d.status)).toEqual(['delivered', 'dead', 'delivered']);
    expect(portal.refused.length).toBe(3);
    expect(portal.refused.every((r) => r.code === '99')).toBe(true);
    // The next event still reached the portal, with the dossier as it stood then.
    expect(syncs(code).map((r) => r.TrangThaiHoSo)).toEqual(['2', '4', '4']);
    expect(progress(code)).toHaveLength(1);
  });

  it("respects the portal's rate limit: waits out each Retry-After, loses nothing, parks nothing", async () => {
    portal = new NationalPortalSimulator();
    await portal.start();
    portal.rateLimit({ requests: 5, windowMs: 1_000 });
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) codes.push(await counterDossier(desk, 1));
    const worker = await startWorker({ maxAttempts: 2, backoff: { baseMs: 5, maxMs: 10 } });
    const mine = async () => (await deliveries()).filter((d) => codes.includes(d.stream));
    await until(async () => (await mine()).every((d) => d.status === 'delivered'), 30_000);
    await worker.stop();

    expect(portal.traffic.rateLimited).toBeGreaterThan(0);
    expect(portal.earlyRetries).toBe(0);
    for (const code of codes) {
      expect(syncs(code).map((r) => r.TrangThaiHoSo)).toEqual(['2', '4']);
      expect(progress(code)).toHaveLength(1);
    }
    // A sync taken before its hand-over was rate-limited is sent again with the same id, and applied once.
    const ids = portal.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
