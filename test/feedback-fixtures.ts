import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { bearer, tokenFor } from './helpers.js';

/** Feedback through the API: submissions, and officers' actions at the item's current version. */
export class FeedbackDesk {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly app: FastifyInstance) {}

  async as(username: string): Promise<Record<string, string>> {
    if (!this.tokens.has(username)) this.tokens.set(username, await tokenFor(this.app, username));
    return bearer(this.tokens.get(username) ?? '');
  }

  /** A feedback on a regulation from the portal; `body` overrides (and adds the submitter, if any). */
  async submit(body: Record<string, unknown> = {}) {
    const response = await this.app.inject({
      method: 'POST',
      url: '/api/feedback',
      payload: {
        subject: 'regulation',
        title: 'Thành phần hồ sơ đăng ký khai sinh',
        content:
          'Quy định yêu cầu nộp bản sao giấy chứng nhận kết hôn dù dữ liệu đã có trong cơ sở dữ liệu hộ tịch.',
        ...body,
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { code: string; accessKey: string; status: string };
  }

  async act(username: string, code: string, body: Record<string, unknown>) {
    const current = await this.app.inject({
      url: `/api/feedback/${code}`,
      headers: await this.as('controller'),
    });
    return this.app.inject({
      method: 'POST',
      url: `/api/feedback/${code}/actions`,
      headers: await this.as(username),
      payload: { version: current.json().version, ...body },
    });
  }

  async ok(username: string, code: string, body: Record<string, unknown>) {
    const response = await this.act(username, code, body);
    expect(response.statusCode, `${username} ${String(body.action)}: ${response.body}`).toBe(200);
    return response.json();
  }
}
