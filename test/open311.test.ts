import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STP } from './dossier-fixtures.js';
import { bearer, type TestApp, testApp, tokenFor } from './helpers.js';

/**
 * A GeoReport v2 client written from the specification (wiki.open311.org/GeoReport_v2), not from our code:
 * paths with a format extension, requests posted as application/x-www-form-urlencoded with an api_key,
 * answers read as JSON or as XML with an independent parser, errors as a list of {code, description}.
 */
class GeoReportClient {
  private readonly xml = new XMLParser({
    parseTagValue: false,
    isArray: (name) => ['service', 'request', 'error', 'attribute'].includes(name),
  });

  constructor(
    private readonly endpoint: string,
    private readonly format: 'json' | 'xml',
    private readonly apiKey?: string,
  ) {}

  private async read(response: Response): Promise<{ status: number; body: unknown; type: string | null }> {
    const text = await response.text();
    const type = response.headers.get('content-type');
    if (this.format === 'json') return { status: response.status, body: JSON.parse(text), type };
    expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    return { status: response.status, body: this.xml.parse(text), type };
  }

  /** Lists of the XML form flattened to what the JSON form gives, so both can be compared. */
  private list(body: unknown, root: string, item: string): Record<string, unknown>[] {
    if (this.format === 'json') return body as Record<string, unknown>[];
    const container = (body as Record<string, unknown>)[root];
    if (container === '' || container === undefined) return [];
    return (container as Record<string, Record<string, unknown>[]>)[item] ?? [];
  }

  async services() {
    const { status, body, type } = await this.read(await fetch(`${this.endpoint}/services.${this.format}`));
    return { status, type, services: this.list(body, 'services', 'service') };
  }

  async serviceDefinition(code: string) {
    const { status, body } = await this.read(await fetch(`${this.endpoint}/services/${code}.${this.format}`));
    if (this.format === 'json') return { status, definition: body as Record<string, unknown> };
    const definition = (body as { service_definition: Record<string, unknown> }).service_definition;
    const attributes = (definition.attributes as { attribute: unknown[] }).attribute;
    return { status, definition: { ...definition, attributes } };
  }

  async postRequest(params: Record<string, string>) {
    const form = new URLSearchParams({ ...(this.apiKey ? { api_key: this.apiKey } : {}), ...params });
    const response = await fetch(`${this.endpoint}/requests.${this.format}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const { status, body } = await this.read(response);
    if (status >= 400) return { status, errors: this.list(body, 'errors', 'error') };
    return { status, requests: this.list(body, 'service_requests', 'request') };
  }

  async request(id: string) {
    const { status, body } = await this.read(await fetch(`${this.endpoint}/requests/${id}.${this.format}`));
    if (status >= 400) return { status, errors: this.list(body, 'errors', 'error'), requests: [] };
    return { status, errors: [], requests: this.list(body, 'service_requests', 'request') };
  }

  async requests(query: Record<string, string>) {
    const { status, body } = await this.read(
      await fetch(`${this.endpoint}/requests.${this.format}?${new URLSearchParams(query)}`),
    );
    return { status, requests: this.list(body, 'service_requests', 'request') };
  }
}

describe('Open311 GeoReport v2 round trip, JSON and XML, with a client written from the specification', () => {
  let t: TestApp;
  let endpoint = '';
  let apiKey = '';
  beforeAll(async () => {
    t = await testApp();
    endpoint = `${await t.app.listen({ host: '127.0.0.1', port: 0 })}/open311/v2`;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/open311/clients',
      headers: bearer(await tokenFor(t.app, 'admin')),
      payload: { name: 'Ứng dụng Cần Thơ 311' },
    });
    expect(created.statusCode, created.body).toBe(201);
    apiKey = created.json().apiKey;
  });
  afterAll(() => t.close());

  for (const format of ['json', 'xml'] as const) {
    it(`${format}: lists services, reads a definition, posts a request and reads its status`, async () => {
      const client = new GeoReportClient(endpoint, format, apiKey);
      const { status, type, services } = await client.services();
      expect(status).toBe(200);
      expect(type).toContain(format === 'json' ? 'application/json' : 'application/xml');
      expect(services.map((s) => s.service_code)).toEqual(['regulation', 'service']);
      expect(services[0]).toMatchObject({
        service_name: 'Phản ánh, kiến nghị về quy định hành chính',
        type: 'realtime',
        metadata: format === 'json' ? true : 'true',
      });
      const { definition } = await client.serviceDefinition('regulation');
      expect((definition.attributes as { code: string }[]).map((a) => a.code)).toEqual([
        'procedure_code',
        'dossier_code',
      ]);

      const posted = await client.postRequest({
        service_code: 'service',
        description: `Bộ phận Một cửa yêu cầu photo giấy tờ <đã có> & "bản điện tử" (${format}).\nĐề nghị bỏ yêu cầu này.`,
        lat: '10.0341',
        long: '105.7852',
        address_string: '2 Hòa Bình, Ninh Kiều',
        first_name: 'Mai',
        last_name: 'Lê Thị',
        email: 'mai@example.vn',
        phone: '0909 123 456',
        'attribute[procedure_code]': '1.001193',
      });
      expect(posted.status).toBe(200);
      const id = String(posted.requests?.[0]?.service_request_id);
      expect(id).toMatch(/^PAKN-\d{6}-\d{4}$/);
      expect(String(posted.requests?.[0]?.service_notice)).toContain('ngày làm việc');

      const read = await client.request(id);
      expect(read.status).toBe(200);
      expect(read.requests[0]).toMatchObject({
        service_request_id: id,
        status: 'open',
        service_code: 'service',
      });
      // Nothing the submitter wrote is public before the answer is published.
      expect(read.requests[0]?.description ?? '').toBe('');
      expect(JSON.stringify(read.requests[0])).not.toContain('Lê Thị');

      const stored = await t.db.kysely
        .withTables<{
          feedback_items: { code: string; channel: string; content: string; submitter: unknown };
        }>()
        .selectFrom('feedback_items')
        .select(['channel', 'content', 'submitter'])
        .where('code', '=', id)
        .executeTakeFirstOrThrow();
      expect(stored).toMatchObject({
        channel: 'open311',
        submitter: { name: 'Lê Thị Mai', phone: '0909123456', email: 'mai@example.vn' },
      });
      expect(stored.content).toContain('<đã có> & "bản điện tử"');

      // The controller handles and publishes it; the client then reads it closed, with the answer.
      const controller = bearer(await tokenFor(t.app, 'controller'));
      const step = async (body: Record<string, unknown>) => {
        const current = (await t.app.inject({ url: `/api/feedback/${id}`, headers: controller })).json();
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/feedback/${id}/actions`,
          headers: controller,
          payload: { version: current.version, ...body },
        });
        expect(response.statusCode, response.body).toBe(200);
      };
      await step({ action: 'log' });
      await step({
        action: 'classify',
        outcome: 'within_competence',
        reason: 'Thẩm quyền Sở Tư pháp',
        toAgency: STP,
      });
      await step({ action: 'handle', result: 'Đã chấn chỉnh Bộ phận Một cửa' });
      await step({ action: 'answer', answer: 'Không yêu cầu bản photo khi đã có bản điện tử.' });
      await step({
        action: 'publish',
        publicTitle: 'Yêu cầu bản photo giấy tờ đã có bản điện tử',
        publicQuestion: 'Công dân phản ánh Bộ phận Một cửa yêu cầu photo giấy tờ <đã có> bản điện tử.',
        publicAnswer: 'Không yêu cầu bản photo khi đã có bản điện tử & đã chấn chỉnh.',
      });
      const closed = await client.requests({ service_request_id: id });
      expect(closed.requests).toHaveLength(1);
      expect(closed.requests[0]).toMatchObject({
        status: 'closed',
        status_notes: 'Không yêu cầu bản photo khi đã có bản điện tử & đã chấn chỉnh.',
        description: 'Công dân phản ánh Bộ phận Một cửa yêu cầu photo giấy tờ <đã có> bản điện tử.',
        agency_responsible: 'Sở Tư pháp',
        address: '2 Hòa Bình, Ninh Kiều',
      });
      expect(String(closed.requests[0]?.lat)).toBe('10.0341');
      const open = await client.requests({ status: 'open', service_code: 'service' });
      expect(open.requests.map((r) => r.service_request_id)).not.toContain(id);
    });

    it(`${format}: refuses a post without a valid api_key (403) and an unknown service or request (404), as errors`, async () => {
      const anonymous = new GeoReportClient(endpoint, format);
      const refused = await anonymous.postRequest({
        service_code: 'regulation',
        description: 'Nội dung phản ánh đủ dài để được xem xét.',
      });
      expect(refused.status).toBe(403);
      expect(refused.errors?.[0]).toMatchObject({ code: format === 'json' ? 403 : '403' });
      const wrongKey = new GeoReportClient(endpoint, format, 'khóa-không-đúng-1234567890');
      expect(
        (await wrongKey.postRequest({ service_code: 'regulation', description: 'x'.repeat(30) })).status,
      ).toBe(403);
      const client = new GeoReportClient(endpoint, format, apiKey);
      const unknown = await client.postRequest({ service_code: 'pothole', description: 'x'.repeat(30) });
      expect(unknown.status).toBe(404);
      const short = await client.postRequest({ service_code: 'regulation', description: 'ngắn' });
      expect(short.status).toBe(400);
      expect(String(short.errors?.[0]?.description)).toContain('description');
      const missing = await client.request('PAKN-990101-0001');
      expect(missing.status).toBe(404);
      expect(missing.errors[0]).toMatchObject({ code: format === 'json' ? 404 : '404' });
    });
  }

  it('refuses malformed form bodies without a 500: invalid UTF-8, a bad escape, NUL, a repeated field', async () => {
    const post = (body: string) =>
      fetch(`${endpoint}/requests.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    const base = `api_key=${apiKey}&service_code=regulation&description=`;
    for (const body of [
      `${base}${encodeURIComponent('x'.repeat(25))}%C3%28`,
      `${base}abc%zz${'x'.repeat(25)}`,
      `${base}${'x'.repeat(25)}%00`,
      `${base}${'x'.repeat(25)}&service_code=service`,
    ]) {
      const response = await post(body);
      expect(response.status, body).toBe(400);
      expect(((await response.json()) as { code: number }[])[0]?.code).toBe(400);
    }
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: '/api/open311/clients/1',
      headers: bearer(await tokenFor(t.app, 'admin')),
    });
    expect(revoked.statusCode).toBe(204);
    expect((await post(`${base}${'x'.repeat(25)}`)).status).toBe(403);
  });
});
