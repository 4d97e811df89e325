import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/passwords.js';
import { upsertUser } from '../src/auth/store.js';
import { samplePdf } from '../src/documents/signing/test-fixtures.js';
import { jpeg } from '../src/documents/test-samples.js';
import { applicant, birthDocuments, birthForm, Desk } from './dossier-fixtures.js';
import { bearer, type TestApp, testApp } from './helpers.js';
import { pdfText } from './pdf-text.js';
import { multipart, uploaded } from './upload-fixtures.js';

const run = promisify(execFile);
const hasPdfsig = await run('pdfsig', ['-v']).then(
  () => true,
  () => false,
);

const WARD = 'Ủy ban nhân dân phường Ninh Kiều';

const textOf = async (pdf: Uint8Array) => (await pdfText(pdf)).replace(/\s+/g, ' ');

interface FileItem {
  id: number;
  role: string;
  documentName: string | null;
  position: number;
  origin: string;
  pages: number | null;
}

describe('counter digitisation, signed results, verification and the data wallet', {
  timeout: 180_000,
}, () => {
  let t: TestApp;
  let desk: Desk;
  let pdf: Buffer;
  /** The declaration and the birth certificate, by the names the catalogue publishes. */
  let FORM: string;
  let BIRTH_CERTIFICATE: string;
  beforeAll(async () => {
    t = await testApp();
    desk = new Desk(t.app);
    pdf = await samplePdf();
    ({ form: FORM, birthCertificate: BIRTH_CERTIFICATE } = await birthDocuments(t.app));
    await upsertUser(t.db.kysely, {
      username: 'citizen2',
      fullName: 'Lê Thị Cúc',
      role: 'citizen',
      agencyCode: null,
      unitId: null,
      passwordHash: await hashPassword('demo'),
      demo: false,
    });
  });
  afterAll(() => t.close());

  async function files(username: string, code: string): Promise<FileItem[]> {
    const response = await t.app.inject({
      url: `/api/dossiers/${code}/files`,
      headers: bearer(await desk.token(username)),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items;
  }

  async function download(username: string, url: string) {
    return t.app.inject({ url, headers: bearer(await desk.token(username)) });
  }

  async function verify(bytes: Buffer) {
    const body = multipart('van-ban.pdf', bytes, 'application/pdf');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/verify',
      headers: body.headers,
      payload: body.payload,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  /** Takes an accepted dossier at the ward through appraisal and approval to the issuing step. */
  async function toIssuing(code: string) {
    await desk.ok('receiver.ninhkieu', code, { action: 'forward' });
    await desk.ok('processor.ninhkieu', code, { action: 'forward' });
    await desk.ok('agency_head.ninhkieu', code, { action: 'approve' });
  }

  it('the receiver scans a paper dossier: every document digitised or exempt, the set sealed and verifiable', async () => {
    const receiver = await desk.token('receiver.ninhkieu');
    const received = await desk.intake('receiver.ninhkieu', {
      procedureCode: '1.001193',
      channel: 'counter',
      applicant: applicant(),
      formData: birthForm,
      documents: [
        { name: FORM, form: 'original' },
        { name: BIRTH_CERTIFICATE, form: 'original' },
      ],
    });
    expect(received.statusCode, received.body).toBe(201);
    const code = received.json().code as string;
    expect(received.json().documents.map((d: { origin: string }) => d.origin)).toEqual(['paper', 'paper']);

    const page1 = await uploaded(t.app, receiver, 'trang-1.jpg', jpeg());
    const page2 = await uploaded(t.app, receiver, 'trang-2.pdf', pdf);
    const incomplete = await desk.act('receiver.ninhkieu', code, {
      action: 'digitise',
      documents: [{ name: FORM, uploads: [page1, page2] }],
    });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.body).toContain(BIRTH_CERTIFICATE);
    // A citizen cannot digitise, nor can a receiver attach someone else's upload.
    expect(
      (await desk.act('citizen', code, { action: 'digitise', documents: [{ name: FORM, uploads: [page1] }] }))
        .statusCode,
    ).toBe(404);

    await desk.ok('receiver.ninhkieu', code, {
      action: 'digitise',
      documents: [
        { name: FORM, uploads: [page1, page2] },
        {
          name: BIRTH_CERTIFICATE,
          exemption: 'shown_only',
          reason: 'Bản chính chỉ xuất trình để đối chiếu',
        },
      ],
    });
    const list = await files('receiver.ninhkieu', code);
    expect(list.map((f) => [f.role, f.documentName, f.position, f.origin])).toEqual(
      expect.arrayContaining([
        ['scan', FORM, 0, 'paper'],
        ['scan', FORM, 1, 'paper'],
        ['scan_seal', null, 0, 'issued'],
      ]),
    );
    expect(list).toHaveLength(3);
    const seal = list.find((f) => f.role === 'scan_seal');
    const sealPdf = await download('receiver.ninhkieu', `/api/dossiers/${code}/files/${seal?.id}`);
    expect(sealPdf.statusCode).toBe(200);
    const checked = await verify(sealPdf.rawPayload);
    expect(checked.signatures).toHaveLength(1);
    expect(checked.signatures[0]).toMatchObject({
      signer: WARD,
      valid: true,
      unaltered: true,
      trusted: true,
    });
    expect(checked.issued).toMatchObject({ purpose: 'scan_seal', dossierCode: code, sameFile: true });

    // The receipt and the control slip list what was digitised.
    for (const form of ['receipt', 'control-slip']) {
      const printed = await download('receiver.ninhkieu', `/api/dossiers/${code}/forms/${form}.pdf`);
      expect(printed.statusCode, form).toBe(200);
      const text = await textOf(printed.rawPayload);
      expect(text, form).toContain('Giấy tờ đã số hóa tại Bộ phận Một cửa');
      expect(text, form).toMatch(/Đã số hóa, 2 trang/);
      expect(text, form).toMatch(/Không số hóa: Chỉ xuất trình bản chính/);
    }

    // The events say the dossier was digitised (an input of the digitisation indicators).
    const events = await download('controller', `/api/dossiers/${code}/events`);
    const digitise = events.json().items.find((e: { action: string }) => e.action === 'digitise');
    expect(digitise.payload.documents.map((d: { status: string }) => d.status)).toEqual([
      'digitised',
      'exempt',
    ]);

    // The scans count towards the dossier's limits, added up as numbers (a result still fits).
    await toIssuing(code);
    const draft = await uploaded(t.app, await desk.token('clerk.ninhkieu'), 'kq.pdf', pdf);
    await desk.ok('clerk.ninhkieu', code, {
      action: 'attach_result',
      uploads: [draft],
      kind: 'electronic',
      title: 'Giấy khai sinh',
    });
  });

  it('the clerk signs the result as PAdES; the applicant downloads it and anyone verifies it; one byte changed is caught; the wallet keeps it for reuse', async () => {
    const citizen = await desk.token('citizen');
    const form = await uploaded(t.app, citizen, 'to-khai.pdf', pdf);
    const photo = await uploaded(t.app, citizen, 'giay-chung-sinh.jpg', jpeg());
    const submitted = await desk.intake('citizen', {
      procedureCode: '1.001193',
      channel: 'online',
      applicant: applicant(),
      formData: birthForm,
      documents: [
        { name: FORM, form: 'original', uploads: [form] },
        { name: BIRTH_CERTIFICATE, form: 'copy', uploads: [photo] },
      ],
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const code = submitted.json().code as string;
    await desk.ok('receiver.ninhkieu', code, { action: 'accept' });
    await toIssuing(code);

    const clerk = await desk.token('clerk.ninhkieu');
    const draft = await uploaded(t.app, clerk, 'giay-khai-sinh.pdf', pdf);
    expect((await desk.act('citizen', code, { action: 'sign' })).statusCode).toBe(403);
    await desk.ok('clerk.ninhkieu', code, {
      action: 'attach_result',
      uploads: [draft],
      kind: 'electronic',
      title: 'Giấy khai sinh',
    });
    await desk.ok('clerk.ninhkieu', code, { action: 'sign' });
    // Once signed, the result is fixed.
    expect(
      (
        await desk.act('clerk.ninhkieu', code, {
          action: 'attach_result',
          uploads: [draft],
          kind: 'electronic',
          title: 'Giấy khai sinh',
        })
      ).statusCode,
    ).toBe(409);
    await desk.ok('clerk.ninhkieu', code, { action: 'issue_result' });

    const result = await download('citizen', `/api/dossiers/${code}/result.pdf`);
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toBe('application/pdf');
    for (const stranger of ['citizen2', 'receiver.stp']) {
      expect((await download(stranger, `/api/dossiers/${code}/result.pdf`)).statusCode, stranger).toBe(404);
    }
    const tracked = await t.app.inject({ url: `/api/track/${code}` });
    expect(tracked.json().electronicResult).toBe(true);

    const checked = await verify(result.rawPayload);
    expect(checked.signatures).toHaveLength(1);
    expect(checked.signatures[0]).toMatchObject({
      signer: WARD,
      valid: true,
      unaltered: true,
      coversWholeFile: true,
      trusted: true,
      problems: [],
    });
    expect(checked.issued).toMatchObject({
      purpose: 'result',
      dossierCode: code,
      procedureName: expect.stringContaining('khai sinh'),
      agencyName: WARD,
      sameFile: true,
    });
    // The public answer names the dossier, never the applicant.
    expect(JSON.stringify(checked)).not.toContain(submitted.json().applicant.fullName);
    const byCode = await t.app.inject({ url: `/api/verify/${checked.issued.verificationCode}` });
    expect(byCode.statusCode, byCode.body).toBe(200);
    expect(byCode.json().issued).toMatchObject({ dossierCode: code, purpose: 'result' });

    const tampered = Buffer.from(result.rawPayload);
    tampered[10] = (tampered[10] ?? 0) ^ 0x01;
    const altered = await verify(tampered);
    expect(altered.signatures[0]).toMatchObject({ unaltered: false, valid: false });
    expect(altered.issued?.sameFile ?? false).toBe(false);

    if (hasPdfsig) {
      const dir = await mkdtemp(path.join(tmpdir(), 'motcua-result-'));
      try {
        const file = path.join(dir, 'ket-qua.pdf');
        await writeFile(file, result.rawPayload);
        const { stdout } = await run('pdfsig', ['-nocert', file]);
        expect(stdout).toContain('Signature Validation: Signature is Valid.');
        expect(stdout).toContain(`Signer Certificate Common Name: ${WARD}`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }

    // The wallet: both accepted documents and the signed result, with provenance.
    const wallet = await download('citizen', '/api/me/wallet?procedure=1.001193');
    expect(wallet.statusCode, wallet.body).toBe(200);
    const items = wallet.json().items as {
      id: number;
      kind: string;
      title: string;
      provenance: { dossierCode: string; signedBy: string | null };
    }[];
    const ours = items.filter((i) => i.provenance.dossierCode === code);
    expect(ours.map((i) => [i.kind, i.title]).sort()).toEqual([
      ['document', BIRTH_CERTIFICATE],
      ['document', FORM],
      ['result', 'Giấy khai sinh'],
    ]);
    expect(ours.find((i) => i.kind === 'result')?.provenance.signedBy).toBe(WARD);
    const formItem = ours.find((i) => i.title === FORM);
    const resultItem = ours.find((i) => i.kind === 'result');
    expect(wallet.json().offers).toEqual(
      expect.arrayContaining([{ document: FORM, itemIds: expect.arrayContaining([formItem?.id]) }]),
    );

    // Reuse needs consent; another citizen cannot use or see the item.
    const reuse = (username: string, consent: boolean) =>
      desk.intake(username, {
        procedureCode: '1.001193',
        channel: 'online',
        applicant: applicant(),
        formData: birthForm,
        reuseConsent: consent,
        documents: [{ name: FORM, form: 'original', walletItemId: formItem?.id }],
      });
    const withoutConsent = await reuse('citizen', false);
    expect(withoutConsent.statusCode).toBe(400);
    const stolen = await reuse('citizen2', true);
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json().error.code).toBe('WALLET_ITEM_NOT_FOUND');
    const second = await reuse('citizen', true);
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().documents[0]).toMatchObject({
      name: FORM,
      origin: 'wallet',
      walletItemId: formItem?.id,
    });
    const secondCode = second.json().code as string;
    const secondFiles = await files('receiver.ninhkieu', secondCode);
    expect(secondFiles.map((f) => [f.role, f.origin])).toEqual([['document', 'wallet']]);
    const reused = await t.db.kysely
      .selectFrom('dossier_events')
      .select('payload')
      .where('action', '=', 'submit')
      .where('dossier_id', '=', (eb) => eb.selectFrom('dossiers').select('id').where('code', '=', secondCode))
      .executeTakeFirstOrThrow();
    expect(reused.payload).toMatchObject({ reuseConsent: true });

    // The wallet file: its owner, and officers handling a dossier it was used in; nobody else.
    const formFile = `/api/wallet/${formItem?.id}/file`;
    const resultFile = `/api/wallet/${resultItem?.id}/file`;
    expect((await download('citizen', formFile)).statusCode).toBe(200);
    expect((await download('citizen', resultFile)).statusCode).toBe(200);
    expect((await download('receiver.ninhkieu', formFile)).statusCode).toBe(200);
    for (const denied of ['citizen2', 'receiver.stp', 'processor.stp']) {
      expect((await download(denied, formFile)).statusCode, denied).toBe(404);
    }
    // Used in no dossier: the ward's own officers do not see the result in the citizen's wallet.
    expect((await download('receiver.ninhkieu', resultFile)).statusCode).toBe(404);
    const othersWallet = await download('citizen2', '/api/me/wallet');
    expect(othersWallet.json().items).toEqual([]);
    expect((await download('receiver.ninhkieu', '/api/me/wallet')).statusCode).toBe(403);
  });

  it('a paper result scanned page by page becomes one PDF, signed the same way', async () => {
    const received = await desk.intake('receiver.ninhkieu', {
      procedureCode: '1.001193',
      channel: 'counter',
      applicant: applicant(),
      formData: birthForm,
    });
    expect(received.statusCode, received.body).toBe(201);
    const code = received.json().code as string;
    await toIssuing(code);
    const clerk = await desk.token('clerk.ninhkieu');
    const pages = [
      await uploaded(t.app, clerk, 'kq-1.jpg', jpeg()),
      await uploaded(t.app, clerk, 'kq-2.jpg', jpeg()),
    ];
    await desk.ok('clerk.ninhkieu', code, {
      action: 'attach_result',
      uploads: pages,
      kind: 'digitised',
      title: 'Giấy khai sinh (bản giấy đã số hóa)',
    });
    await desk.ok('clerk.ninhkieu', code, { action: 'sign' });
    const list = await files('clerk.ninhkieu', code);
    const attached = list.find((f) => f.role === 'result');
    expect(attached?.pages).toBe(2);
    const signedResult = list.find((f) => f.role === 'signed_result');
    expect(signedResult?.pages).toBe(2);
    const result = await download('clerk.ninhkieu', `/api/dossiers/${code}/result.pdf`);
    const checked = await verify(result.rawPayload);
    expect(checked.signatures[0]).toMatchObject({ signer: WARD, valid: true, trusted: true });
  });
});
