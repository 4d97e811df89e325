import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicant, birthForm, Desk } from './dossier-fixtures.js';
import { bearer, type TestApp, testApp, tokenFor } from './helpers.js';

/**
 * What the catalogue holds beside a procedure's versions, through the API: the page citizens read (documents with
 * copies and conditions, per-channel limits and fees, groups), the review queue of imported records, the
 * full-online review and its list, groups of linked procedures, and template files.
 */
describe('catalogue content', () => {
  let t: TestApp;
  let controller: Record<string, string>;

  beforeAll(async () => {
    t = await testApp();
    controller = bearer(await tokenFor(t.app, 'controller'));
  });
  afterAll(() => t.close());

  it('shows a citizen what to bring: documents with copies and cases, limits and fees per channel, the group', async () => {
    const page = (await t.app.inject({ url: '/api/procedures/1.001193' })).json();
    const abandoned = page.documents.find((d: { condition: string | null }) =>
      d.condition?.startsWith('Trường hợp trẻ em bị bỏ rơi'),
    );
    expect(abandoned).toMatchObject({ form: 'original', quantity: { originals: 1, copies: 0 } });
    expect(page.channelDetails.length).toBeGreaterThan(0);
    expect(page.channelDetails.map((c: { channel: string }) => c.channel)).toContain('counter');
    expect(page.legalDocuments.length).toBeGreaterThan(0);
    expect(page.applicants.kinds).toContain('vietnamese_citizen');
    expect(page.groups).toEqual([
      expect.objectContaining({ code: 'khai-sinh-thuong-tru-bhyt', position: 1, size: 3 }),
    ]);
  });

  it('lists the imported records to review, one line each, with their items verbatim', async () => {
    const queue = (
      await t.app.inject({ url: '/api/catalog/import-reviews?pageSize=5', headers: controller })
    ).json();
    expect(queue.total).toBeGreaterThan(0);
    expect(queue.items).toHaveLength(5);
    expect(queue.reasons.length).toBeGreaterThan(0);
    const [first] = queue.items;
    const detail = (
      await t.app.inject({ url: `/api/procedures/${first.code}/import-review`, headers: controller })
    ).json();
    expect(detail.items).toHaveLength(first.itemCount);
    expect(detail.items[0]).toEqual(
      expect.objectContaining({
        field: expect.any(String),
        code: expect.any(String),
        reason: expect.any(String),
      }),
    );
    const byReason = (
      await t.app.inject({
        url: `/api/catalog/import-reviews?reason=${queue.reasons[0].code}&pageSize=1`,
        headers: controller,
      })
    ).json();
    expect(byReason.total).toBe(queue.reasons[0].records);
  });

  it('requires a published reason below full online, shows it, and takes the procedure off the list', async () => {
    const before = (await t.app.inject({ url: '/api/catalog/online-reviews', headers: controller })).json();
    expect(before.total).toBeGreaterThan(0);
    const code = before.items[0].code as string;
    const withoutReason = await t.app.inject({
      method: 'PUT',
      url: `/api/procedures/${code}`,
      headers: controller,
      payload: { onlineLevel: 'none' },
    });
    expect(withoutReason.statusCode).toBe(400);
    expect(withoutReason.json().error.fields.map((f: { field: string }) => f.field)).toContain(
      'body.onlineReason',
    );
    const reason = {
      code: 'physical_presence',
      text: 'Luật yêu cầu người yêu cầu có mặt để đối chiếu giấy tờ gốc',
    };
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/procedures/${code}`,
      headers: controller,
      payload: { onlineLevel: 'none', onlineReason: reason, decisionNumber: 'RS-01/QĐ-UBND' },
    });
    expect(saved.statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/procedures/${code}` })).json().onlineReason).toEqual(reason);
    const after = (await t.app.inject({ url: '/api/catalog/online-reviews', headers: controller })).json();
    expect(after.total).toBe(before.total - 1);
  });

  it('records a group of linked procedures in order, refusing unknown and repeated members', async () => {
    const put = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PUT', url: '/api/procedure-groups/thu-nghiem', headers: controller, payload });
    const unknown = await put({
      name: 'Nhóm thử',
      description: null,
      members: [
        { procedureCode: '1.001193', note: null },
        { procedureCode: '9.999999', note: null },
      ],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].field).toBe('body.members.1.procedureCode');
    const twice = await put({
      name: 'Nhóm thử',
      description: null,
      members: [
        { procedureCode: '1.001193', note: null },
        { procedureCode: '1.001193', note: null },
      ],
    });
    expect(twice.statusCode).toBe(400);
    const saved = await put({
      name: 'Nhóm thử',
      description: 'Hai thủ tục',
      members: [
        { procedureCode: '1.004222', note: 'Sau' },
        { procedureCode: '1.001193', note: 'Trước' },
      ],
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().members.map((m: { code: string; position: number }) => [m.position, m.code])).toEqual(
      [
        [1, '1.004222'],
        [2, '1.001193'],
      ],
    );
    const groups = (await t.app.inject({ url: '/api/procedure-groups' })).json();
    expect(groups.items.map((g: { code: string }) => g.code)).toEqual(
      expect.arrayContaining(['khai-sinh-thuong-tru-bhyt', 'thu-nghiem']),
    );
    expect((await t.app.inject({ url: '/api/procedure-groups/khong-co' })).statusCode).toBe(404);
  });

  it('validates a question the form builder made conditional only when its condition holds', async () => {
    const desk = new Desk(t.app);
    const current = (await t.app.inject({ url: '/api/procedures/1.001193' })).json();
    const documents = structuredClone(current.documents) as {
      formSchema: {
        properties: Record<string, unknown>;
        allOf?: unknown[];
        'x-groups'?: { fields: string[] }[];
      } | null;
    }[];
    const form = documents.find((d) => d.formSchema)?.formSchema;
    if (!form) throw new Error('birth registration has an e-form');
    // What the builder writes: a choice, and a question asked (and required) only for one of its answers.
    form.properties.fatherKnown = { type: 'string', title: 'Có thông tin người cha?', enum: ['Có', 'Không'] };
    form.properties.fatherFullName = {
      type: 'string',
      title: 'Họ, chữ đệm và tên cha',
      maxLength: 500,
      description: 'Ghi như trên giấy tờ tùy thân',
      'x-description-en': 'As on the identity document',
      'x-show-if': { field: 'fatherKnown', equals: 'Có' },
    };
    form.allOf = [
      {
        if: { properties: { fatherKnown: { const: 'Có' } }, required: ['fatherKnown'] },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a promise
        then: { required: ['fatherFullName'] },
      },
    ];
    form['x-groups']?.[0]?.fields.push('fatherKnown', 'fatherFullName');
    const edit = await t.app.inject({
      method: 'PUT',
      url: '/api/procedures/1.001193',
      headers: controller,
      payload: { documents, decisionNumber: 'TK-01/QĐ-UBND' },
    });
    expect(edit.statusCode).toBe(200);
    const file = (formData: Record<string, unknown>) =>
      desk.intake('citizen', {
        procedureCode: '1.001193',
        channel: 'online',
        applicant: applicant(),
        formData,
      });
    const missing = await file({ ...birthForm, fatherKnown: 'Có' });
    expect(missing.statusCode).toBe(400);
    expect(JSON.stringify(missing.json().error.fields)).toContain('fatherFullName');
    expect((await file({ ...birthForm, fatherKnown: 'Không' })).statusCode).toBe(201);
    expect(
      (await file({ ...birthForm, fatherKnown: 'Có', fatherFullName: 'Trần Văn Bình' })).statusCode,
    ).toBe(201);
  });

  it('stores templates checked by their bytes and gives them back as uploaded', async () => {
    const upload = (fileName: string, type: string, payload: Buffer) =>
      t.app.inject({
        method: 'POST',
        url: `/api/procedures/1.001193/files?purpose=template&fileName=${encodeURIComponent(fileName)}`,
        headers: { ...controller, 'content-type': type },
        payload,
      });
    const pdf = Buffer.from('%PDF-1.4\n% Tờ khai đăng ký khai sinh\n%%EOF\n');
    // A PDF named .docx, a "PDF" that is text, and a file over 10 MB are refused.
    expect((await upload('to-khai.docx', 'application/pdf', pdf)).statusCode).toBe(415);
    expect((await upload('to-khai.pdf', 'application/pdf', Buffer.from('not a pdf'))).statusCode).toBe(415);
    expect(
      (await upload('to-khai.pdf', 'application/pdf', Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)])))
        .statusCode,
    ).toBe(413);
    expect((await upload('to-khai.exe', 'application/x-msdownload', pdf)).statusCode).toBe(415);
    const stored = await upload('Tờ khai khai sinh.pdf', 'application/pdf', pdf);
    expect(stored.statusCode).toBe(201);
    expect(stored.json()).toMatchObject({ fileName: 'Tờ khai khai sinh.pdf', size: pdf.length });
    expect((await upload('Tờ khai khai sinh.pdf', 'application/pdf', pdf)).json().id).toBe(stored.json().id);
    const download = await t.app.inject({ url: `/api/procedure-files/${stored.json().id}` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''T%E1%BB%9D%20khai");
    expect(download.rawPayload.equals(pdf)).toBe(true);
    const listed = (await t.app.inject({ url: '/api/procedures/1.001193/files' })).json();
    expect(listed.items.map((f: { id: number }) => f.id)).toContain(stored.json().id);
  });
});
