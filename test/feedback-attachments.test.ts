import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../src/documents/signing/test-fixtures.js';
import { png } from '../src/documents/test-samples.js';
import { STP } from './dossier-fixtures.js';
import { FeedbackDesk } from './feedback-fixtures.js';
import { type TestApp, testApp, testFilesDir } from './helpers.js';
import { documentRows, multipart, storedPaths } from './upload-fixtures.js';

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4_000)]);

describe('files attached to feedback: the submitter with the key or the officers on the item, never the public', () => {
  let t: TestApp;
  let desk: FeedbackDesk;
  let pdf: Buffer;
  /** Distinct images, so that a file stored by mistake would show as a new stored file. */
  let sizes = 10;
  const freshImage = () => png(sizes++, 9);

  beforeAll(async () => {
    t = await testApp();
    desk = new FeedbackDesk(t.app);
    pdf = await samplePdf();
  });
  afterAll(() => t.close());

  async function attach(
    code: string,
    file: { name: string; bytes: Uint8Array; type?: string },
    headers: Record<string, string> = {},
  ) {
    const body = multipart(file.name, file.bytes, file.type);
    return t.app.inject({
      method: 'POST',
      url: `/api/feedback/${code}/attachments`,
      headers: { ...headers, ...body.headers },
      payload: body.payload,
    });
  }

  const fetchFile = (code: string, n: number, headers: Record<string, string> = {}) =>
    t.app.inject({ url: `/api/feedback/${code}/attachments/${n}`, headers });

  /** The item's version and the documents' rows and files: what a refusal must leave as it was. */
  async function snapshot(code: string) {
    const item = await t.app.inject({ url: `/api/feedback/${code}`, headers: await desk.as('controller') });
    return {
      version: item.json().version as number,
      rows: await documentRows(t.db),
      files: await storedPaths(await testFilesDir()),
    };
  }

  async function assignedToStp() {
    const created = await desk.submit({ submitter: { email: 'an.nguyen@example.vn' } });
    await desk.ok('controller', created.code, {
      action: 'classify',
      outcome: 'within_competence',
      reason: 'Thuộc thẩm quyền của Sở Tư pháp',
      toAgency: STP,
    });
    return created;
  }

  it('the submitter attaches a PDF with the key right after sending; they and the officers read it back, the public page does not carry it', async () => {
    const { code, accessKey } = await desk.submit();
    const key = { 'x-feedback-key': accessKey };
    const response = await attach(code, { name: 'Ảnh chụp tờ khai.pdf', bytes: pdf, type: 'image/png' }, key);
    expect(response.statusCode, response.body).toBe(201);
    // The type is the content's, not the one the browser claimed.
    expect(response.json()).toMatchObject({
      n: 1,
      name: 'Ảnh chụp tờ khai.pdf',
      mime: 'application/pdf',
      version: 2,
    });

    const back = await fetchFile(code, 1, key);
    expect(back.statusCode).toBe(200);
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(back.headers['cache-control']).toBe('private, no-store');
    expect(back.rawPayload.equals(pdf)).toBe(true);
    const mine = await t.app.inject({ url: `/api/feedback/${code}/mine`, headers: key });
    expect(mine.json().attachments).toEqual([
      expect.objectContaining({ n: 1, name: 'Ảnh chụp tờ khai.pdf', bytes: pdf.length }),
    ]);
    expect(mine.json().events.at(-1)).toMatchObject({ action: 'attach', note: 'Ảnh chụp tờ khai.pdf' });
    expect(mine.json().canAttach).toBe(true);
    expect((await fetchFile(code, 1, await desk.as('controller'))).statusCode).toBe(200);
    expect((await fetchFile(code, 2, key)).json().error.code).toBe('FEEDBACK_ATTACHMENT_NOT_FOUND');

    await desk.ok('controller', code, {
      action: 'classify',
      outcome: 'within_competence',
      reason: 'Thuộc thẩm quyền của Sở Tư pháp',
      toAgency: STP,
    });
    await desk.ok('processor.stp', code, { action: 'handle', result: 'Đã xử lý' });
    await desk.ok('processor.stp', code, { action: 'answer', answer: 'Trả lời người phản ánh' });
    // Answered: the files are as they were answered.
    const late = await attach(code, { name: 'sau.png', bytes: freshImage() }, key);
    expect(late.statusCode).toBe(409);
    // The follow page no longer offers to add one.
    expect((await t.app.inject({ url: `/api/feedback/${code}/mine`, headers: key })).json().canAttach).toBe(
      false,
    );
    await desk.ok('controller', code, {
      action: 'publish',
      publicTitle: 'Thành phần hồ sơ đăng ký khai sinh',
      publicQuestion: 'Người dân phản ánh yêu cầu nộp bản sao giấy kết hôn.',
      publicAnswer: 'Không yêu cầu bản sao giấy chứng nhận kết hôn.',
    });
    const published = await t.app.inject({ url: `/api/public/feedback/${code}` });
    expect(published.statusCode).toBe(200);
    expect(published.body).not.toContain('attachments');
    expect(published.body).not.toContain('Ảnh chụp');
    expect((await fetchFile(code, 1)).statusCode).toBe(404);
  });

  it('refuses without the key, with another key, an officer of another agency (404) and one who only reads it (403), storing nothing', async () => {
    const { code } = await assignedToStp();
    const other = await desk.submit();
    const before = await snapshot(code);
    const denials: [Record<string, string>, number][] = [
      [{}, 404],
      [{ 'x-feedback-key': other.accessKey }, 404],
      [{ 'x-feedback-key': 'khong-phai-khoa-nay' }, 404],
      [await desk.as('citizen'), 404],
      [await desk.as('processor.ninhkieu'), 404],
      [await desk.as('clerk.stp'), 403],
    ];
    for (const [headers, status] of denials) {
      const response = await attach(code, { name: 'anh.png', bytes: freshImage() }, headers);
      expect(response.statusCode, `${JSON.stringify(headers)}: ${response.body}`).toBe(status);
    }
    expect(await snapshot(code)).toEqual(before);

    // The handling agency's officer may; the file is read by officers who may read the item, and by no one else.
    const byOfficer = await attach(
      code,
      { name: 'bien-ban.png', bytes: freshImage() },
      await desk.as('processor.stp'),
    );
    expect(byOfficer.statusCode, byOfficer.body).toBe(201);
    expect((await fetchFile(code, 1, await desk.as('clerk.stp'))).statusCode).toBe(200);
    for (const headers of [
      {},
      { 'x-feedback-key': other.accessKey },
      await desk.as('processor.ninhkieu'),
      await desk.as('citizen'),
    ])
      expect((await fetchFile(code, 1, headers)).statusCode, JSON.stringify(headers)).toBe(404);
    const officerView = await t.app.inject({
      url: `/api/feedback/${code}`,
      headers: await desk.as('clerk.stp'),
    });
    expect(officerView.json().attachments).toEqual([expect.objectContaining({ n: 1, name: 'bien-ban.png' })]);
  });

  it('refuses an executable renamed to .png and leaves nothing stored and no event; at most the configured number of files', async () => {
    const { code, accessKey } = await desk.submit();
    const key = { 'x-feedback-key': accessKey };
    const before = await snapshot(code);
    const refused = await attach(code, { name: 'anh-hien-truong.png', bytes: ELF, type: 'image/png' }, key);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
    expect(refused.json().error.message).toMatch(/chương trình thực thi/);
    expect(await snapshot(code)).toEqual(before);

    for (const n of [1, 2, 3])
      expect((await attach(code, { name: `anh-${n}.png`, bytes: freshImage() }, key)).statusCode).toBe(201);
    const beforeFourth = await snapshot(code);
    const fourth = await attach(code, { name: 'anh-4.png', bytes: freshImage() }, key);
    expect(fourth.statusCode).toBe(413);
    expect(fourth.json().error).toMatchObject({ code: 'FEEDBACK_ATTACHMENT_LIMIT' });
    expect(fourth.json().error.message).toContain('tối đa 3 tệp');
    expect(await snapshot(code)).toEqual(beforeFourth);
  });
});
