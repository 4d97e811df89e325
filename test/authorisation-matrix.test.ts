import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/passwords.js';
import { canListOfficers, canManageAccountsOf } from '../src/auth/policy.js';
import type { Actor, Role } from '../src/auth/roles.js';
import { policyOf, type RouteEntry, type RoutePolicy, roleCheck } from '../src/auth/route-policy.js';
import { upsertUser } from '../src/auth/store.js';
import { canEditCalendar } from '../src/calendar/policy.js';
import { shippedSchedules } from '../src/calendar/shipped.js';
import { canPublish, canSetOfficeHours } from '../src/catalog/policy.js';
import { canSeeWalletItem } from '../src/documents/policy.js';
import { samplePdf } from '../src/documents/signing/test-fixtures.js';
import { accessOf } from '../src/dossiers/act.js';
import type { ActionName } from '../src/dossiers/model.js';
import { canAct, canRead, canReadLogbook, canReceiveOn, type DossierAccess } from '../src/dossiers/policy.js';
import { findDossierRow } from '../src/dossiers/store.js';
import { canActOnFeedback, canReadFeedback } from '../src/feedback/policy.js';
import { canEnterPaperRating } from '../src/ratings/policy.js';
import { findProcess } from '../src/workflow/store.js';
import { applicant, birthForm, CENTRE, Desk, NINH_KIEU, STP } from './dossier-fixtures.js';
import { type TestApp, testApp } from './helpers.js';
import { multipart, uploaded } from './upload-fixtures.js';

/**
 * The authorisation matrix, generated from the route table: every route × every principal (anonymous, the
 * applicant and another citizen, each officer role at the receiving centre, at the handling agency and at an
 * unrelated ward). The expected answer comes from the route's declared policy and the module policy its
 * rule names; the test fails when a route has no sample, when a route lets through someone its policy
 * denies (the denials are asserted, not only the grants), or when it refuses someone its policy admits.
 */
const OFFICER_ROLES: Role[] = [
  'receiver',
  'processor',
  'unit_head',
  'agency_head',
  'clerk',
  'controller',
  'admin',
  'postal',
];
const SITES = { centre: '', handling: '.stp', other: '.ninhkieu' };
const PRINCIPALS = [
  'anonymous',
  'citizen',
  'citizen2',
  ...Object.values(SITES).flatMap((suffix) => OFFICER_ROLES.map((role) => `${role}${suffix}`)),
];

type Outcome = 'allow' | 'forbidden' | 'hidden';

interface Resource {
  access?: DossierAccess;
  action?: ActionName;
  stepKey?: string | null;
  processId?: number;
  channel?: 'online' | 'counter' | 'postal';
  agency?: string;
  /** The agency a feedback item is assigned to. */
  feedbackAgency?: string;
  /** A wallet item's owner (the item is used in no dossier, so no officer may see it). */
  walletOwner?: number;
}

interface Sample {
  /** The request; `fresh` is true when the principal is expected to succeed and the request changes state. */
  request(principal: string, fresh: boolean): Promise<Omit<InjectOptions, 'method'>>;
  /** What a principal the policy admits may get (e.g. 409 when a state forbids the action now). */
  ok: number[];
  resource?: () => Resource;
}

describe('authorisation matrix: every route × role × own/other agency × own/other citizen × anonymous', () => {
  let t: TestApp;
  let desk: Desk;
  const actors = new Map<string, Actor>();
  const steps = new Map<number, Awaited<ReturnType<typeof findProcess>>>();
  const fixtures: Record<string, { code: string; resource: Resource }> = {};
  let draftProcessId = 0;
  let webhookId = 0;
  let open311Key = '';
  let open311ClientId = 0;
  /** A feedback item assigned to the Department of Justice, one published, one awaiting the submitter. */
  const feedback = { handling: '', published: '', clarifying: '', clarifyingKey: '' };

  async function submitFeedback(): Promise<{ code: string; accessKey: string }> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/feedback',
      payload: {
        subject: 'regulation',
        title: 'Kiểm tra quyền phản ánh',
        content: 'Nội dung phản ánh để kiểm tra ma trận phân quyền của hệ thống.',
      },
    });
    return response.json();
  }

  async function feedbackStep(code: string, body: Record<string, unknown>): Promise<void> {
    const current = await t.app.inject({
      url: `/api/feedback/${code}`,
      headers: await headers('controller'),
    });
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/feedback/${code}/actions`,
      headers: await headers('controller'),
      payload: { version: current.json().version, ...body },
    });
    if (response.statusCode !== 200) throw new Error(`feedback fixture: ${response.body}`);
  }

  /** Attaching a PDF to a feedback item with its key, as a principal. */
  function attachment(code: string, key: string, principalHeaders: Record<string, string>) {
    const body = multipart('anh-chup.pdf', pdf, 'application/pdf');
    return {
      url: `/api/feedback/${code}/attachments`,
      headers: { ...principalHeaders, 'x-feedback-key': key, ...body.headers },
      payload: body.payload,
    };
  }

  async function feedbackAtStp(): Promise<string> {
    const { code } = await submitFeedback();
    await feedbackStep(code, {
      action: 'classify',
      outcome: 'within_competence',
      reason: 'Thẩm quyền',
      toAgency: STP,
    });
    return code;
  }
  let pdf: Buffer;
  /** A file of the online fixture, and an item of the citizen's wallet. */
  let fileId = 0;
  let walletItem = { id: 0, ownerId: 0 };

  async function counterAtAppraisal(): Promise<string> {
    const created = await desk.intake('receiver', {
      procedureCode: '3.000333',
      channel: 'counter',
      applicant: applicant(),
    });
    const code = created.json().code as string;
    await desk.ok('receiver', code, { action: 'forward' });
    return code;
  }

  async function onlineByCitizen(): Promise<string> {
    const upload = await uploaded(t.app, await desk.token('citizen'), 'to-khai.pdf', pdf);
    const created = await desk.intake('citizen', {
      procedureCode: '1.001193',
      channel: 'online',
      applicant: applicant(),
      formData: birthForm,
      documents: [{ name: 'Tờ khai đăng ký khai sinh', form: 'original', uploads: [upload] }],
    });
    return created.json().code as string;
  }

  async function firstFileOf(code: string): Promise<number> {
    const row = await t.db.kysely
      .withTables<{ dossier_files: { id: number; dossier_id: number } }>()
      .selectFrom('dossier_files')
      .innerJoin('dossiers', 'dossiers.id', 'dossier_files.dossier_id')
      .select('dossier_files.id')
      .where('dossiers.code', '=', code)
      .orderBy('dossier_files.id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function resourceOf(code: string, action: ActionName): Promise<Resource> {
    const row = await findDossierRow(t.db.kysely, code);
    if (!row) throw new Error(`fixture ${code} missing`);
    if (!steps.has(row.process_id)) steps.set(row.process_id, await findProcess(t.db.kysely, row.process_id));
    return { access: accessOf(row), action, stepKey: row.step_key, processId: row.process_id };
  }

  async function headers(principal: string): Promise<Record<string, string>> {
    return principal === 'anonymous' ? {} : { authorization: `Bearer ${await desk.token(principal)}` };
  }

  async function version(code: string): Promise<number> {
    return (await desk.get('controller', code)).json().version as number;
  }

  beforeAll(async () => {
    t = await testApp();
    desk = new Desk(t.app);
    pdf = await samplePdf();
    await upsertUser(t.db.kysely, {
      username: 'citizen2',
      fullName: 'Lê Thị Cúc',
      role: 'citizen',
      agencyCode: null,
      unitId: null,
      passwordHash: await hashPassword('demo'),
      demo: false,
    });
    for (const principal of PRINCIPALS.slice(1)) {
      const me = await t.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: await headers(principal),
      });
      actors.set(principal, me.json() as Actor);
    }
    const counter = await counterAtAppraisal();
    fixtures.counter = { code: counter, resource: await resourceOf(counter, 'forward') };
    const online = await onlineByCitizen();
    fixtures.online = { code: online, resource: await resourceOf(online, 'withdraw') };
    fileId = await firstFileOf(online);
    // Accepting an online dossier puts its uploaded documents in the applicant's wallet.
    const kept = await onlineByCitizen();
    await desk.ok('receiver.ninhkieu', kept, { action: 'accept' });
    const wallet = await t.app.inject({ url: '/api/me/wallet', headers: await headers('citizen') });
    walletItem = { id: wallet.json().items[0].id, ownerId: actors.get('citizen')?.id ?? 0 };
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/procedures/3.000333/processes',
      headers: await headers('controller'),
      payload: (await t.app.inject({ url: '/api/procedures/3.000333/processes' })).json().items[0],
    });
    draftProcessId = draft.json().id;
    const hook = await t.app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: await headers('admin'),
      payload: { url: 'http://127.0.0.1:9/hook' },
    });
    webhookId = hook.json().id;
    feedback.handling = await feedbackAtStp();
    feedback.published = await feedbackAtStp();
    await feedbackStep(feedback.published, { action: 'handle', result: 'Đã xử lý xong' });
    await feedbackStep(feedback.published, { action: 'answer', answer: 'Trả lời người phản ánh' });
    await feedbackStep(feedback.published, {
      action: 'publish',
      publicTitle: 'Kết quả công khai',
      publicQuestion: 'Nội dung phản ánh đã công khai',
      publicAnswer: 'Nội dung trả lời đã công khai',
    });
    const clarifying = await submitFeedback();
    await feedbackStep(clarifying.code, {
      action: 'request_clarification',
      question: 'Đề nghị nêu rõ thủ tục',
    });
    feedback.clarifying = clarifying.code;
    feedback.clarifyingKey = clarifying.accessKey;
    const attached = await t.app.inject({
      method: 'POST',
      ...attachment(clarifying.code, clarifying.accessKey, {}),
    });
    if (attached.statusCode !== 201) throw new Error(`feedback fixture: ${attached.body}`);
    const client = await t.app.inject({
      method: 'POST',
      url: '/api/open311/clients',
      headers: await headers('admin'),
      payload: { name: 'Ma trận phân quyền' },
    });
    open311Key = client.json().apiKey;
    const revocable = await t.app.inject({
      method: 'POST',
      url: '/api/open311/clients',
      headers: await headers('admin'),
      payload: { name: 'Sẽ bị thu hồi' },
    });
    open311ClientId = revocable.json().id;
  }, 120_000);
  afterAll(() => t.close());

  /** Dossier samples: the shared fixture, or a fresh one for a principal expected to change it. */
  function onDossier(
    name: 'counter' | 'online',
    path: (code: string) => string,
    ok: number[],
    body?: (code: string) => Promise<Record<string, unknown>>,
  ): Sample {
    return {
      ok,
      resource: () => fixtures[name]?.resource ?? {},
      async request(principal, fresh) {
        const code = fresh
          ? await (name === 'counter' ? counterAtAppraisal() : onlineByCitizen())
          : (fixtures[name]?.code ?? '');
        return {
          url: path(code),
          headers: await headers(principal),
          ...(body ? { payload: await body(code) } : {}),
        };
      },
    };
  }

  function plain(url: string, ok: number[], payload?: () => unknown): Sample {
    return {
      ok,
      async request(principal) {
        return {
          url,
          headers: await headers(principal),
          ...(payload ? { payload: payload() as object } : {}),
        };
      },
    };
  }

  const year = new Date().getFullYear();
  const SAMPLES: Record<string, Sample[]> = {
    'GET /api/procedures': [plain('/api/procedures?q=khai%20sinh', [200])],
    'GET /api/procedures/:code': [plain('/api/procedures/1.001193', [200])],
    'GET /api/procedures/:code/versions': [plain('/api/procedures/1.001193/versions', [200])],
    'PUT /api/procedures/:code': [
      plain('/api/procedures/3.000333', [200], () => ({ note: 'Kiểm tra quyền' })),
    ],
    'POST /api/procedures/:code/publications': [
      // The first publisher records the decision; the others find it recorded already (409).
      plain('/api/procedures/3.000333/publications', [201, 409], () => ({
        kind: 'amend',
        decisionNumber: 'MATRIX-01/QĐ-UBND',
        decisionDate: '2025-07-01',
        effectiveDate: '2025-07-01',
      })),
    ],
    'GET /api/catalog/import-reviews': [plain('/api/catalog/import-reviews', [200])],
    'GET /api/catalog/drafts': [plain('/api/catalog/drafts', [200])],
    // No draft has this number: a publisher is told so (404); the others never get that far.
    'POST /api/catalog/drafts/:id/publish': [
      plain('/api/catalog/drafts/999999/publish', [404], () => ({
        decisionNumber: 'MATRIX-02/QĐ-UBND',
        decisionDate: '2025-07-01',
        effectiveDate: '2025-07-01',
      })),
    ],
    'POST /api/catalog/drafts/:id/dismiss': [
      plain('/api/catalog/drafts/999999/dismiss', [404], () => ({ reason: 'Kiểm tra quyền' })),
    ],
    'GET /api/procedures/:code/import-review': [plain('/api/procedures/1.001193/import-review', [200])],
    'GET /api/catalog/online-reviews': [plain('/api/catalog/online-reviews', [200])],
    'GET /api/procedure-groups': [plain('/api/procedure-groups', [200])],
    'GET /api/procedure-groups/:code': [plain('/api/procedure-groups/khai-sinh-thuong-tru-bhyt', [200])],
    'PUT /api/procedure-groups/:code': [
      plain('/api/procedure-groups/matrix-nhom', [200], () => ({
        name: 'Nhóm kiểm tra quyền',
        description: null,
        members: [
          { procedureCode: '1.001193', note: null },
          { procedureCode: '3.000333', note: null },
        ],
      })),
    ],
    'GET /api/procedures/:code/files': [plain('/api/procedures/1.001193/files', [200])],
    'POST /api/procedures/:code/files': [
      {
        ok: [201],
        async request(principal) {
          return {
            url: '/api/procedures/1.001193/files?purpose=template&fileName=to-khai.pdf',
            headers: { ...(await headers(principal)), 'content-type': 'application/pdf' },
            payload: Buffer.from('%PDF-1.4\n% kiểm tra quyền\n%%EOF\n'),
          };
        },
      },
    ],
    'GET /api/procedure-files/:id': [
      {
        ok: [200],
        async request(principal) {
          const upload = await t.app.inject({
            method: 'POST',
            url: '/api/procedures/1.001193/files?purpose=sample&fileName=ho-so-mau.pdf',
            headers: { ...(await headers('controller')), 'content-type': 'application/pdf' },
            payload: Buffer.from('%PDF-1.4\n% hồ sơ mẫu\n%%EOF\n'),
          });
          return { url: `/api/procedure-files/${upload.json().id}`, headers: await headers(principal) };
        },
      },
    ],
    'GET /api/fields': [plain('/api/fields', [200])],
    'GET /api/agencies': [plain('/api/agencies?q=ninh%20kieu', [200])],
    'GET /api/agencies/:code': [plain(`/api/agencies/${STP}`, [200])],
    // A department's own hours, and the provincial centre's (which only the centre and the province set).
    'PUT /api/agencies/:code/office-hours': [STP, CENTRE].map((agency) => ({
      ok: [200],
      resource: () => ({ agency }),
      async request(principal: string) {
        return {
          url: `/api/agencies/${agency}/office-hours`,
          headers: await headers(principal),
          payload: {
            sessions: [
              { start: '07:00', end: '11:30' },
              { start: '13:30', end: '17:00' },
            ],
            cutoff: '15:00',
          },
        };
      },
    })),
    'GET /api/calendar/due': [
      plain('/api/calendar/due?from=2026-11-23T09:00:00%2B07:00&workingDays=3', [200]),
    ],
    'GET /api/calendar/days': [plain('/api/calendar/days?year=2026', [200])],
    'GET /api/calendar/years/:year': [plain('/api/calendar/years/2026', [200])],
    'PUT /api/calendar/years/:year': [
      plain('/api/calendar/years/2026', [200], () => shippedSchedules().get(2026)),
    ],
    'POST /api/auth/login': [
      plain('/api/auth/login', [200], () => ({ username: 'citizen', password: 'demo' })),
    ],
    'GET /api/auth/me': [plain('/api/auth/me', [200])],
    // A challenge nobody was given: the same 401 for every principal, and no session.
    'POST /api/auth/login/totp-enrolment': [
      plain('/api/auth/login/totp-enrolment', [401], () => ({ challenge: 'x'.repeat(43) })),
    ],
    'POST /api/auth/login/second-factor': [
      plain('/api/auth/login/second-factor', [401], () => ({ challenge: 'x'.repeat(43), code: '123456' })),
    ],
    // No identity provider in this app: both ends send the browser back to the login page, for everyone.
    'GET /api/auth/identity-provider': [plain('/api/auth/identity-provider', [200])],
    'GET /api/auth/vneid/start': [plain('/api/auth/vneid/start?returnTo=%2F', [303])],
    'GET /api/auth/vneid/callback': [plain('/api/auth/vneid/callback?code=x&state=y', [303])],
    'GET /api/agencies/:code/officers': [
      { ...plain(`/api/agencies/${STP}/officers`, [200]), resource: () => ({ agency: STP }) },
    ],
    'POST /api/auth/logout': [plain('/api/auth/logout', [204])],
    // A wrong current password: the policy admits every signed-in user, and nobody's password changes.
    'POST /api/auth/password': [
      plain('/api/auth/password', [400], () => ({
        currentPassword: 'sai',
        newPassword: 'hoa sen nở giữa đầm',
      })),
    ],
    'GET /api/accounts': [
      { ...plain(`/api/accounts?agency=${STP}`, [200]), resource: () => ({ agency: STP }) },
    ],
    'POST /api/accounts': [
      {
        ok: [201],
        resource: () => ({ agency: STP }),
        async request(principal) {
          return {
            url: '/api/accounts',
            headers: await headers(principal),
            payload: {
              username: `matrix.${principal.replace(/[^a-z0-9]/g, '')}`,
              fullName: 'Cán bộ kiểm tra quyền',
              role: 'processor',
              agencyCode: STP,
            },
          };
        },
      },
    ],
    // Re-enabling an enabled officer: admitted administrators change nothing another principal relies on.
    'PATCH /api/accounts/:username': [
      {
        ...plain('/api/accounts/processor.stp', [200], () => ({ active: true })),
        resource: () => ({ agency: STP }),
      },
    ],
    'POST /api/accounts/:username/reset-link': [
      { ...plain('/api/accounts/processor.stp/reset-link', [201]), resource: () => ({ agency: STP }) },
    ],
    'POST /api/auth/reset': [
      plain('/api/auth/reset', [404], () => ({ token: 'khong-phai-lien-ket-that-0000', newPassword: 'x' })),
    ],
    'GET /api/me/sessions': [plain('/api/me/sessions', [200])],
    'DELETE /api/me/sessions/:id': [plain('/api/me/sessions/999999999', [404])],
    'GET /api/procedures/:code/processes': [plain('/api/procedures/3.000333/processes', [200])],
    'POST /api/procedures/:code/processes': [
      {
        ok: [201],
        async request(principal) {
          const current = (await t.app.inject({ url: '/api/procedures/3.000333/processes' })).json().items[0];
          return {
            url: '/api/procedures/3.000333/processes',
            headers: await headers(principal),
            payload: {
              agencyCode: current.agencyCode,
              hoursPerDay: current.hoursPerDay,
              steps: current.steps,
            },
          };
        },
      },
    ],
    'POST /api/processes/:id/publish': [
      {
        ok: [200, 409],
        async request(principal) {
          return {
            url: `/api/processes/${draftProcessId}/publish`,
            headers: await headers(principal),
            payload: { decisionNumber: 'MATRIX-02/QĐ-UBND', effectiveDate: '2099-01-01' },
          };
        },
      },
    ],
    'POST /api/dossiers': [
      {
        ok: [201],
        resource: () => ({ channel: 'counter' }),
        async request(principal) {
          return {
            url: '/api/dossiers',
            headers: await headers(principal),
            payload: { procedureCode: '3.000333', channel: 'counter', applicant: applicant() },
          };
        },
      },
      {
        ok: [201],
        resource: () => ({ channel: 'online' }),
        async request(principal) {
          return {
            url: '/api/dossiers',
            headers: await headers(principal),
            payload: {
              procedureCode: '1.001193',
              channel: 'online',
              applicant: applicant(),
              formData: birthForm,
            },
          };
        },
      },
    ],
    'POST /api/dossiers/:code/actions': [
      onDossier(
        'counter',
        (code) => `/api/dossiers/${code}/actions`,
        [200],
        async (code) => ({
          action: 'forward',
          version: await version(code),
        }),
      ),
      onDossier(
        'online',
        (code) => `/api/dossiers/${code}/actions`,
        [200],
        async (code) => ({
          action: 'withdraw',
          version: await version(code),
          reason: 'Rút hồ sơ để nộp lại',
        }),
      ),
    ],
    'GET /api/dossiers/:code': [
      onDossier('counter', (code) => `/api/dossiers/${code}`, [200]),
      onDossier('online', (code) => `/api/dossiers/${code}`, [200]),
    ],
    'GET /api/dossiers/:code/actions': [
      onDossier('counter', (code) => `/api/dossiers/${code}/actions`, [200]),
      onDossier('online', (code) => `/api/dossiers/${code}/actions`, [200]),
    ],
    'GET /api/dossiers/:code/events': [
      onDossier('counter', (code) => `/api/dossiers/${code}/events`, [200]),
      onDossier('online', (code) => `/api/dossiers/${code}/events`, [200]),
    ],
    'GET /api/dossiers/:code/forms/:form': [
      onDossier('counter', (code) => `/api/dossiers/${code}/forms/control-slip.pdf`, [200]),
      onDossier('online', (code) => `/api/dossiers/${code}/forms/control-slip.pdf`, [200]),
    ],
    'GET /api/queue': [plain('/api/queue?scope=agency', [200])],
    'GET /api/dossiers': [plain('/api/dossiers?q=nguyen', [200])],
    'GET /api/me/dossiers': [plain('/api/me/dossiers', [200])],
    'GET /api/logbook.pdf': [
      {
        ...plain(`/api/logbook.pdf?agency=${CENTRE}&year=${year}`, [200]),
        resource: () => ({ agency: CENTRE }),
      },
      {
        ...plain(`/api/logbook.pdf?agency=${NINH_KIEU}&year=${year}`, [200]),
        resource: () => ({ agency: NINH_KIEU }),
      },
    ],
    'GET /api/track/:code': [onDossier('counter', (code) => `/api/track/${code}`, [200])],
    'GET /api/track/:code/qr.svg': [onDossier('counter', (code) => `/api/track/${code}/qr.svg`, [200])],
    'GET /api/indicators/on-time': [plain('/api/indicators/on-time?from=2026-01-01&to=2026-12-31', [200])],
    'GET /api/outbox/consumers': [plain('/api/outbox/consumers', [200])],
    'GET /api/outbox/daily': [plain('/api/outbox/daily?days=7', [200])],
    'GET /api/outbox/deliveries': [plain('/api/outbox/deliveries?status=dead', [200])],
    'GET /api/outbox/deliveries/:id/attempts': [plain('/api/outbox/deliveries/1/attempts', [200])],
    'POST /api/outbox/deliveries/:id/replay': [plain('/api/outbox/deliveries/999999999/replay', [404])],
    'POST /api/webhooks': [
      plain('/api/webhooks', [201], () => ({ url: 'http://127.0.0.1:9/other', kinds: ['receive'] })),
    ],
    'GET /api/webhooks': [plain('/api/webhooks', [200])],
    'DELETE /api/webhooks/:id': [
      {
        ok: [204],
        async request(principal) {
          return { url: `/api/webhooks/${webhookId}`, headers: await headers(principal) };
        },
      },
    ],
    'GET /api/dossiers/:code/notices': [
      onDossier('counter', (code) => `/api/dossiers/${code}/notices`, [200]),
      onDossier('online', (code) => `/api/dossiers/${code}/notices`, [200]),
    ],
    'PUT /api/dossiers/:code/notification-channels': [
      onDossier(
        'counter',
        (code) => `/api/dossiers/${code}/notification-channels`,
        [200],
        async () => ({
          channels: ['sms'],
        }),
      ),
      onDossier(
        'online',
        (code) => `/api/dossiers/${code}/notification-channels`,
        [200],
        async () => ({
          channels: ['sms', 'zalo'],
        }),
      ),
    ],
    'GET /api/notification-templates': [plain('/api/notification-templates', [200])],
    'PUT /api/notification-templates/:kind/:channel': [
      plain('/api/notification-templates/received/sms', [204], () => ({
        body: 'Hồ sơ {{code}}: {{trackingUrl}}',
      })),
    ],
    'DELETE /api/notification-templates/:kind/:channel': [
      plain('/api/notification-templates/received/sms', [204]),
    ],
    'POST /api/notification-templates/:kind/:channel/preview': [
      plain('/api/notification-templates/received/sms/preview', [200], () => ({ body: 'Hồ sơ {{code}}' })),
    ],
    'POST /api/population/lookups': [
      // No population database in this app: the lookup is answered as unavailable, the form filled by hand.
      plain('/api/population/lookups', [200], () => ({
        idNumber: '092190000001',
        purpose: 'prefill_dossier',
        consent: { given: true, method: 'counter_form' },
      })),
    ],
    // This app configures no METRICS_TOKEN: the endpoint is off (test/metrics.test.ts scrapes it with one).
    'GET /metrics': [plain('/metrics', [404])],
    'POST /api/feedback': [
      plain('/api/feedback', [201], () => ({
        subject: 'service',
        title: 'Phản ánh kiểm tra quyền',
        content: 'Nội dung đủ dài để được tiếp nhận trong ma trận phân quyền.',
      })),
    ],
    'POST /api/feedback/intake': [
      plain('/api/feedback/intake', [201], () => ({
        channel: 'phone',
        subject: 'regulation',
        title: 'Phản ánh qua điện thoại',
        content: 'Người dân gọi điện phản ánh về thành phần hồ sơ quá nhiều.',
      })),
    ],
    'GET /api/feedback': [plain('/api/feedback?open=true', [200])],
    'GET /api/feedback/overview': [plain('/api/feedback/overview?from=2026-01-01&to=2026-12-31', [200])],
    'GET /api/feedback/settings': [plain('/api/feedback/settings', [200])],
    'PUT /api/feedback/settings': [
      plain('/api/feedback/settings', [200], () => ({
        rejectWithinDays: 2,
        clarifyWithinDays: 5,
        forwardWithinDays: 5,
        handleWithinDays: 15,
        answerWithinDays: 2,
        publishWithinDays: 2,
        progressEveryDays: 5,
        nearingDays: 1,
      })),
    ],
    'GET /api/feedback/:code': [
      {
        ok: [200],
        resource: () => ({ feedbackAgency: STP }),
        async request(principal) {
          return { url: `/api/feedback/${feedback.handling}`, headers: await headers(principal) };
        },
      },
    ],
    'POST /api/feedback/:code/actions': [
      {
        ok: [200],
        resource: () => ({ feedbackAgency: STP }),
        async request(principal, fresh) {
          const code = fresh ? await feedbackAtStp() : feedback.handling;
          const current = await t.app.inject({
            url: `/api/feedback/${code}`,
            headers: await headers('controller'),
          });
          return {
            url: `/api/feedback/${code}/actions`,
            headers: await headers(principal),
            payload: { action: 'progress', version: current.json().version, text: 'Đang xử lý' },
          };
        },
      },
    ],
    'GET /api/feedback/:code/mine': [
      {
        ok: [200],
        async request(principal) {
          return {
            url: `/api/feedback/${feedback.clarifying}/mine`,
            headers: { ...(await headers(principal)), 'x-feedback-key': feedback.clarifyingKey },
          };
        },
      },
    ],
    'POST /api/feedback/:code/mine/actions': [
      {
        // The first holder of the key clarifies; the others find it clarified already (409).
        ok: [200, 409],
        async request(principal) {
          return {
            url: `/api/feedback/${feedback.clarifying}/mine/actions`,
            headers: { ...(await headers(principal)), 'x-feedback-key': feedback.clarifyingKey },
            payload: { action: 'clarify', version: 2, text: 'Thủ tục đăng ký khai sinh' },
          };
        },
      },
    ],
    // With the item's key every principal may attach and read; denials without it are in feedback-attachments.
    'POST /api/feedback/:code/attachments': [
      {
        ok: [201],
        async request(principal) {
          const { code, accessKey } = await submitFeedback();
          return attachment(code, accessKey, await headers(principal));
        },
      },
    ],
    'GET /api/feedback/:code/attachments/:n': [
      {
        ok: [200],
        async request(principal) {
          return {
            url: `/api/feedback/${feedback.clarifying}/attachments/1`,
            headers: { ...(await headers(principal)), 'x-feedback-key': feedback.clarifyingKey },
          };
        },
      },
    ],
    'GET /api/me/feedback': [plain('/api/me/feedback', [200])],
    'GET /api/public/feedback': [plain('/api/public/feedback', [200])],
    'GET /api/public/feedback/:code': [
      {
        ok: [200],
        async request(principal) {
          return { url: `/api/public/feedback/${feedback.published}`, headers: await headers(principal) };
        },
      },
    ],
    'GET /open311/v2/services.:format': [plain('/open311/v2/services.json', [200])],
    'GET /open311/v2/services/:service_code.:format': [plain('/open311/v2/services/regulation.xml', [200])],
    'POST /open311/v2/requests.:format': [
      plain('/open311/v2/requests.json', [200], () => ({
        api_key: open311Key,
        service_code: 'regulation',
        description: 'Phản ánh gửi qua Open311 trong ma trận phân quyền.',
      })),
    ],
    'GET /open311/v2/requests.:format': [plain('/open311/v2/requests.xml?status=open', [200])],
    'GET /open311/v2/requests/:service_request_id.:format': [
      {
        ok: [200],
        async request(principal) {
          return {
            url: `/open311/v2/requests/${feedback.published}.json`,
            headers: await headers(principal),
          };
        },
      },
    ],
    'POST /api/open311/clients': [plain('/api/open311/clients', [201], () => ({ name: 'Ứng dụng thử' }))],
    'GET /api/open311/clients': [plain('/api/open311/clients', [200])],
    'DELETE /api/open311/clients/:id': [
      {
        ok: [204],
        async request(principal) {
          return { url: `/api/open311/clients/${open311ClientId}`, headers: await headers(principal) };
        },
      },
    ],
    'GET /api/dossiers/:code/rating': [onDossier('online', (code) => `/api/dossiers/${code}/rating`, [200])],
    'PUT /api/dossiers/:code/rating': [
      // The fixture is not returned yet: its owner is admitted and told so (409).
      {
        ok: [409],
        resource: () => fixtures.online?.resource ?? {},
        async request(principal) {
          return {
            url: `/api/dossiers/${fixtures.online?.code}/rating`,
            headers: await headers(principal),
            payload: { quick: 'satisfied' },
          };
        },
      },
    ],
    'GET /api/dossiers/:code/files': [
      onDossier('counter', (code) => `/api/dossiers/${code}/files`, [200]),
      onDossier('online', (code) => `/api/dossiers/${code}/files`, [200]),
    ],
    'GET /api/dossiers/:code/files/:id': [
      {
        ok: [200],
        resource: () => fixtures.online?.resource ?? {},
        async request(principal) {
          return {
            url: `/api/dossiers/${fixtures.online?.code}/files/${fileId}`,
            headers: await headers(principal),
          };
        },
      },
    ],
    'POST /api/ratings/paper': [
      {
        ok: [409],
        resource: () => ({ agency: CENTRE }),
        async request(principal) {
          return {
            url: '/api/ratings/paper',
            headers: await headers(principal),
            payload: { dossierCode: fixtures.counter?.code, quick: 'satisfied' },
          };
        },
      },
    ],
    // The fixture has no signed result yet: whoever may read the dossier is told so (404 with its own code).
    'GET /api/dossiers/:code/result.pdf': [
      onDossier('online', (code) => `/api/dossiers/${code}/result.pdf`, [404]),
    ],
    'POST /api/uploads': [
      {
        ok: [201],
        async request(principal) {
          const body = multipart('to-khai.pdf', pdf, 'application/pdf');
          return {
            url: '/api/uploads',
            headers: { ...(await headers(principal)), ...body.headers },
            payload: body.payload,
          };
        },
      },
    ],
    'GET /api/ratings/summary': [plain(`/api/ratings/summary?level=officer&year=${year}`, [200])],
    'GET /api/ratings/summary.xlsx': [plain(`/api/ratings/summary.xlsx?level=agency&year=${year}`, [200])],
    'POST /api/ratings/publications': [
      plain('/api/ratings/publications', [201, 409], () => ({ year: 2020, quarter: 1 })),
    ],
    'GET /api/public/ratings': [plain(`/api/public/ratings?year=${year}`, [200])],
    'GET /api/public/ratings.xlsx': [plain(`/api/public/ratings.xlsx?year=${year}`, [200])],
    'GET /api/ratings/settings': [plain('/api/ratings/settings', [200])],
    'PUT /api/ratings/settings': [plain('/api/ratings/settings', [200], () => ({ changeWindowDays: 7 }))],
    'GET /api/me/wallet': [plain('/api/me/wallet', [200])],
    'GET /api/wallet/:id/file': [
      {
        ok: [200],
        resource: () => ({ walletOwner: walletItem.ownerId }),
        async request(principal) {
          return { url: `/api/wallet/${walletItem.id}/file`, headers: await headers(principal) };
        },
      },
    ],
    'POST /api/verify': [
      {
        ok: [200],
        async request(principal) {
          const body = multipart('van-ban.pdf', pdf, 'application/pdf');
          return {
            url: '/api/verify',
            headers: { ...(await headers(principal)), ...body.headers },
            payload: body.payload,
          };
        },
      },
    ],
    // A well-formed code that no document carries.
    'GET /api/verify/:code': [plain('/api/verify/000000000000', [404])],
    'GET /api/me/dossiers/:code/access': [
      onDossier('online', (code) => `/api/me/dossiers/${code}/access`, [200]),
    ],
    'GET /api/audit': [plain('/api/audit?kind=read', [200])],
    'GET /api/docs': [plain('/api/docs', [200, 302])],
    'GET /api/docs/static/index.html': [plain('/api/docs/static/index.html', [200, 302])],
    'GET /api/docs/static/*': [plain('/api/docs/static/swagger-ui.css', [200])],
  };

  /** The resource rules named by route policies, evaluated with the modules' own policy functions. */
  const RULES: Record<string, (actor: Actor, resource: Resource) => Outcome> = {
    'dossier.read': (actor, r) => (r.access && canRead(actor, r.access) ? 'allow' : 'hidden'),
    'dossier.act': (actor, r) => {
      if (!r.access || !canRead(actor, r.access)) return 'hidden';
      const step = steps.get(r.processId ?? 0)?.steps.find((s) => s.key === r.stepKey);
      return canAct(actor, r.access, r.action ?? 'forward', step, { consultedAgencyOpen: false })
        ? 'allow'
        : 'forbidden';
    },
    'dossier.intake': (actor, r) => (canReceiveOn(actor, r.channel ?? 'online') ? 'allow' : 'forbidden'),
    'dossier.visibility': () => 'allow',
    'logbook.agency': (actor, r) => (canReadLogbook(actor, r.agency ?? '') ? 'allow' : 'forbidden'),
    'account.manage': (actor, r) =>
      canManageAccountsOf(actor, actor.agencyCode === CENTRE, r.agency ?? '') ? 'allow' : 'forbidden',
    'agency.officers': (actor, r) => (canListOfficers(actor, r.agency ?? '') ? 'allow' : 'forbidden'),
    'agency.office_hours': (actor, r) => (canSetOfficeHours(actor, r.agency ?? '') ? 'allow' : 'forbidden'),
    'indicators.agency': () => 'allow',
    'upload.own': () => 'allow',
    'wallet.own': () => 'allow',
    'wallet.item': (actor, r) =>
      canSeeWalletItem(actor, { ownerId: r.walletOwner ?? 0 }, false) ? 'allow' : 'hidden',
    // Checked against the configured token, not an account.
    'metrics.token': () => 'allow',
    'feedback.scope': () => 'allow',
    'feedback.read': (actor, r) =>
      canReadFeedback(actor, { handlingAgency: r.feedbackAgency ?? null, ownerId: null })
        ? 'allow'
        : 'hidden',
    'feedback.act': (actor, r) => {
      const access = { handlingAgency: r.feedbackAgency ?? null, ownerId: null };
      if (!canReadFeedback(actor, access)) return 'hidden';
      return canActOnFeedback(actor, access, 'handler') ? 'allow' : 'forbidden';
    },
    'feedback.submitter': () => 'allow',
    'open311.api_key': () => 'allow',
    'rating.own': (actor, r) => (r.access && r.access.ownerId === actor.id ? 'allow' : 'hidden'),
    'rating.paper': (actor, r) => (canEnterPaperRating(actor, r.agency ?? '') ? 'allow' : 'forbidden'),
    'ratings.scope': () => 'allow',
    'catalogue.province': (actor) => (canPublish(actor) ? 'allow' : 'forbidden'),
    'calendar.province': (actor) => (canEditCalendar(actor) ? 'allow' : 'forbidden'),
    // Every controller may search; what they find is scoped to their agency (test/audit-trail.test.ts).
    'audit.search': () => 'allow',
  };

  function expected(policy: RoutePolicy, principal: string, sample: Sample): number[] {
    const actor = actors.get(principal) ?? null;
    const refused = roleCheck(policy, actor);
    if (refused) return [refused.status];
    if (policy.rule) {
      const rule = RULES[policy.rule];
      if (!rule) throw new Error(`no evaluator for rule ${policy.rule}`);
      const outcome = actor ? rule(actor, sample.resource?.() ?? {}) : 'allow';
      if (outcome === 'forbidden') return [403];
      if (outcome === 'hidden') return [404];
    }
    return sample.ok;
  }

  function samplesFor(entry: RouteEntry): Sample[] | undefined {
    const key = `${entry.method === 'HEAD' ? 'GET' : entry.method} ${entry.url}`;
    if (SAMPLES[key]) return SAMPLES[key];
    // Routes without parameters (static files of the web app and the API docs) are requested as they are.
    if (entry.method === 'GET' || entry.method === 'HEAD')
      if (!entry.url.includes(':') && !entry.url.includes('*')) return [plain(entry.url, [200])];
    return undefined;
  }

  it('scopes by level (issue 15): a ward or a department sees and sets only its own, the province all', () => {
    const sample = (route: string, index: number) => {
      const entry = t.app.routeTable.find((e) => `${e.method} ${e.url}` === route);
      const policy = entry && policyOf(entry);
      const chosen = SAMPLES[route]?.[index];
      if (!policy || !chosen) throw new Error(`no route ${route}`);
      return (principal: string) => expected(policy, principal, chosen);
    };
    const provincialDossier = sample('GET /api/dossiers/:code', 0);
    expect(provincialDossier('controller.ninhkieu')).toEqual([404]);
    expect(provincialDossier('controller')).toEqual([200]);
    const centreHours = sample('PUT /api/agencies/:code/office-hours', 1);
    expect(centreHours('admin.stp')).toEqual([403]);
    expect(centreHours('admin.ninhkieu')).toEqual([403]);
    expect(centreHours('admin')).toEqual([200]);
    expect(sample('PUT /api/agencies/:code/office-hours', 0)('admin.stp')).toEqual([200]);
    for (const route of ['PUT /api/procedures/:code', 'PUT /api/calendar/years/:year']) {
      expect(sample(route, 0)('admin.stp'), route).toEqual([403]);
      expect(sample(route, 0)('controller.ninhkieu'), route).toEqual([403]);
      expect(sample(route, 0)('controller'), route).toEqual([200]);
    }
    expect(sample('GET /api/logbook.pdf', 0)('controller.ninhkieu')).toEqual([403]);
  });

  it('every route of the table has a sample and answers every principal as its policy says', async () => {
    const table = t.app.routeTable.filter((entry) => entry.url !== '/api/auth/logout');
    // Logging out ends the principal's session: it goes last.
    const ordered = [...table, ...t.app.routeTable.filter((entry) => entry.url === '/api/auth/logout')];
    const missing = ordered.filter((entry) => !samplesFor(entry)).map((e) => `${e.method} ${e.url}`);
    expect(missing, 'routes without a matrix sample').toEqual([]);
    const failures: string[] = [];
    let cells = 0;
    let denials = 0;
    for (const entry of ordered) {
      const policy = policyOf(entry);
      if (!policy) {
        failures.push(`${entry.method} ${entry.url}: no policy`);
        continue;
      }
      for (const sample of samplesFor(entry) ?? []) {
        // The principals of one sample are independent of each other: ask them all at once.
        await Promise.all(
          PRINCIPALS.map(async (principal) => {
            const want = expected(policy, principal, sample);
            const admitted = want === sample.ok;
            const options = await sample.request(principal, admitted);
            const response = await t.app.inject({ method: entry.method as 'GET', ...options });
            cells++;
            if (!admitted) denials++;
            if (!want.includes(response.statusCode))
              failures.push(
                `${entry.method} ${entry.url} as ${principal}: expected ${want.join('/')}, got ${response.statusCode} ${response.body.slice(0, 120)}`,
              );
          }),
        );
      }
    }
    process.stdout.write(`authorisation matrix: ${cells} requests, ${denials} of them denials\n`);
    expect(failures).toEqual([]);
    expect(denials).toBeGreaterThan(300);
    expect(cells).toBeGreaterThan(1000);
  }, 600_000);
});
