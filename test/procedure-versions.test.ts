import { describe, expect, it } from 'vitest';
import { formatVnInstant } from '../src/calendar/dates.js';
import { dueAfterWorkingDays } from '../src/calendar/deadline.js';
import { shippedClock } from '../src/calendar/test-clock.js';
import { applicant, birthForm, clockedDesk, vnAt } from './dossier-fixtures.js';
import { bearer } from './helpers.js';
import { pdfText } from './pdf-text.js';

/**
 * A dossier keeps the procedure version it was received under for its whole life: its appointment, its
 * e-form and its forms do not move when a controller edits the procedure; dossiers received after the edit
 * follow the new version. Every edit is kept with who, when and on which decision.
 */
describe('procedure versions', () => {
  const s = clockedDesk('2026-11-23T09:00:00');

  async function onlineBirth(formData: Record<string, unknown>) {
    return s.desk.intake('citizen', {
      procedureCode: '1.001193',
      channel: 'online',
      applicant: applicant(),
      formData,
    });
  }

  it('an edit makes a new version; earlier dossiers keep their appointment and form, later ones use the new', async () => {
    const before = await onlineBirth(birthForm);
    expect(before.statusCode).toBe(201);
    const current = (await s.t.app.inject({ url: '/api/procedures/1.001193' })).json();
    expect(current.timeLimit).toMatchObject({ value: 1, unit: 'working_days' });

    const documents = structuredClone(current.documents) as {
      formSchema: { required: string[]; properties: Record<string, unknown> } | null;
    }[];
    const form = documents.find((d) => d.formSchema)?.formSchema;
    if (!form) throw new Error('birth registration has an e-form');
    form.properties.fatherFullName = {
      type: 'string',
      minLength: 2,
      maxLength: 200,
      title: 'Họ, chữ đệm và tên cha',
    };
    form.required.push('fatherFullName');
    s.clock.now = vnAt('2026-11-23T10:00:00');
    const edit = await s.t.app.inject({
      method: 'PUT',
      url: '/api/procedures/1.001193',
      headers: bearer(await s.desk.token('controller')),
      payload: {
        timeLimit: { value: 5, unit: 'working_days' },
        documents,
        decisionNumber: 'SĐ-07/QĐ-UBND',
        note: 'Thêm thông tin người cha vào tờ khai',
      },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().timeLimit).toMatchObject({ value: 5 });

    // The dossier received before the edit is accepted after it: its appointment follows the old limit (1 day).
    s.clock.now = vnAt('2026-11-23T14:00:00');
    const code = before.json().code as string;
    const accepted = await s.desk.ok('receiver.ninhkieu', code, { action: 'accept' });
    const clockAtWard = shippedClock;
    expect(accepted.dueAt).toBe(formatVnInstant(dueAfterWorkingDays(clockAtWard, s.clock.now, 1)));

    // New filings need the new field, and get the new limit (5 days).
    const old = await onlineBirth(birthForm);
    expect(old.statusCode).toBe(400);
    expect(old.json().error.fields.map((f: { field: string }) => f.field)).toContain(
      'body.formData.fatherFullName',
    );
    const after = await onlineBirth({ ...birthForm, fatherFullName: 'Trần Văn Bình' });
    expect(after.statusCode).toBe(201);
    expect(after.json().procedureVersionId).not.toBe(before.json().procedureVersionId);
    const acceptedAfter = await s.desk.ok('receiver.ninhkieu', after.json().code, { action: 'accept' });
    expect(acceptedAfter.dueAt).toBe(formatVnInstant(dueAfterWorkingDays(clockAtWard, s.clock.now, 5)));

    // The receipt prints the time limit of the version each dossier was received under.
    const receipt = async (dossier: string) =>
      pdfText(
        (
          await s.t.app.inject({
            url: `/api/dossiers/${dossier}/forms/receipt.pdf`,
            headers: bearer(await s.desk.token('receiver.ninhkieu')),
          })
        ).rawPayload,
      );
    expect(await receipt(code)).toContain('1 ngày làm việc');
    expect(await receipt(after.json().code)).toContain('5 ngày làm việc');
  });

  it('keeps the history of versions: decision and note for everyone, who made them for controllers only', async () => {
    const publicView = (await s.t.app.inject({ url: '/api/procedures/1.001193/versions' })).json();
    expect(publicView.total).toBeGreaterThanOrEqual(2);
    const [newest] = publicView.items;
    expect(newest).toMatchObject({
      decisionNumber: 'SĐ-07/QĐ-UBND',
      note: 'Thêm thông tin người cha vào tờ khai',
      createdBy: null,
    });
    expect(newest.content.timeLimit.value).toBe(5);
    const controllerView = (
      await s.t.app.inject({
        url: '/api/procedures/1.001193/versions',
        headers: bearer(await s.desk.token('controller')),
      })
    ).json();
    expect(controllerView.items[0].createdBy).toBe('controller');
    const versions = publicView.items.map((v: { version: number }) => v.version);
    expect(versions).toEqual([...versions].sort((a: number, b: number) => b - a));
  });

  it('an edit that changes nothing makes no new version', async () => {
    const count = async () =>
      (await s.t.app.inject({ url: '/api/procedures/3.000333/versions' })).json().total;
    const before = await count();
    const same = await s.t.app.inject({
      method: 'PUT',
      url: '/api/procedures/3.000333',
      headers: bearer(await s.desk.token('controller')),
      payload: {},
    });
    expect(same.statusCode).toBe(200);
    expect(await count()).toBe(before);
  });

  it('draft processes are shown to controllers and administrators only', async () => {
    const controller = bearer(await s.desk.token('controller'));
    const published = (await s.t.app.inject({ url: '/api/procedures/3.000333/processes' })).json().items[0];
    const draft = await s.t.app.inject({
      method: 'POST',
      url: '/api/procedures/3.000333/processes',
      headers: controller,
      payload: {
        agencyCode: published.agencyCode,
        hoursPerDay: published.hoursPerDay,
        steps: published.steps,
      },
    });
    expect(draft.statusCode).toBe(201);
    // Authors saving drafts at the same moment get consecutive version numbers, not a server error.
    const together = await Promise.all(
      Array.from({ length: 5 }, () =>
        s.t.app.inject({
          method: 'POST',
          url: '/api/procedures/3.000333/processes',
          headers: controller,
          payload: {
            agencyCode: published.agencyCode,
            hoursPerDay: published.hoursPerDay,
            steps: published.steps,
          },
        }),
      ),
    );
    expect(together.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    const numbers = together.map((r) => r.json().version as number).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(5);
    expect((numbers[4] ?? 0) - (numbers[0] ?? 0)).toBe(4);
    const statuses = async (headers: Record<string, string>) =>
      (await s.t.app.inject({ url: '/api/procedures/3.000333/processes', headers }))
        .json()
        .items.map((p: { status: string }) => p.status);
    expect(await statuses(controller)).toContain('draft');
    expect(await statuses(bearer(await s.desk.token('admin')))).toContain('draft');
    for (const username of ['citizen', 'processor.stp', 'agency_head.stp', 'receiver.stp'])
      expect(await statuses(bearer(await s.desk.token(username))), username).not.toContain('draft');
    expect(await statuses({})).not.toContain('draft');
  });

  it('a controller edits the document list and its remarks: a new version; the old one keeps its list', async () => {
    const controller = bearer(await s.desk.token('controller'));
    const url = '/api/procedures/1.001193';
    const before = (await s.t.app.inject({ url })).json();
    const versions = async () => (await s.t.app.inject({ url: `${url}/versions` })).json();
    const countBefore = (await versions()).total;
    const [first, ...rest] = before.documents as { name: string; formSchema: unknown }[];
    if (!first) throw new Error('birth registration lists documents');
    const added = {
      name: 'Văn bản thỏa thuận lựa chọn quốc tịch cho con',
      form: 'certified_copy',
      copies: 1,
      quantity: { originals: 0, copies: 1 },
      template: null,
      formSchema: null,
      templates: [],
      condition: 'Trường hợp cha hoặc mẹ là người nước ngoài',
      group: null,
    };
    const edit = await s.t.app.inject({
      method: 'PUT',
      url,
      headers: controller,
      payload: {
        documents: [...rest, added, first],
        documentNotes: ['Xuất trình bản chính giấy tờ tùy thân của người đi đăng ký.'],
        note: 'Sửa thành phần hồ sơ',
      },
    });
    expect(edit.statusCode).toBe(200);
    const after = (await s.t.app.inject({ url })).json();
    expect(after.documents.map((d: { name: string }) => d.name)).toEqual([
      ...rest.map((d) => d.name),
      added.name,
      first.name,
    ]);
    expect(after.documents.at(-2)).toMatchObject({
      condition: added.condition,
      quantity: { originals: 0, copies: 1 },
      form: 'certified_copy',
    });
    // What the editor does not show (the e-form) travels with the document it belongs to.
    expect(after.documents.at(-1).formSchema).toEqual(first.formSchema);
    expect(after.documentNotes).toEqual(['Xuất trình bản chính giấy tờ tùy thân của người đi đăng ký.']);
    const history = await versions();
    expect(history.total).toBe(countBefore + 1);
    expect(history.items[1].content.documents.map((d: { name: string }) => d.name)).toEqual(
      before.documents.map((d: { name: string }) => d.name),
    );

    // A list that cannot be stored changes nothing: an unnamed document, 51 copies.
    for (const documents of [
      [{ ...added, name: '' }],
      [{ ...added, quantity: { originals: 0, copies: 51 } }],
    ]) {
      const bad = await s.t.app.inject({ method: 'PUT', url, headers: controller, payload: { documents } });
      expect(bad.statusCode).toBe(400);
    }
    const badNotes = await s.t.app.inject({
      method: 'PUT',
      url,
      headers: controller,
      payload: { documentNotes: ['x'.repeat(5001)] },
    });
    expect(badNotes.statusCode).toBe(400);
    expect((await versions()).total).toBe(countBefore + 1);
    expect((await s.t.app.inject({ url })).json().documents).toEqual(after.documents);

    // Only controllers edit the catalogue.
    const citizen = await s.t.app.inject({
      method: 'PUT',
      url,
      headers: bearer(await s.desk.token('citizen')),
      payload: { documentNotes: [] },
    });
    expect(citizen.statusCode).toBe(403);
  });
});
