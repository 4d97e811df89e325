import { z } from 'zod';
import {
  HttpSimulator,
  type SimulatedRequest,
  type SimulatedResponse,
  type SimulatorOptions,
} from '../simulator-kit.js';
import { type Citizen, LOOKUP_PURPOSES } from './model.js';

/** Invented people for the demo and the tests (identity numbers of Cần Thơ, code 092). */
export const DEMO_CITIZENS: Record<string, Citizen> = {
  '092190000001': {
    fullName: 'Nguyễn Thị Hồng Nhung',
    birthDate: '1990-05-12',
    sex: 'female',
    permanentAddress: '12 Trần Hưng Đạo, phường Ninh Kiều, thành phố Cần Thơ',
  },
  '092085000002': {
    fullName: 'Trần Văn Bình',
    birthDate: '1985',
    sex: 'male',
    permanentAddress: 'Ấp Thới Thuận, xã Thới Lai, thành phố Cần Thơ',
  },
};

const requestSchema = z.object({
  idNumber: z.string().regex(/^\d{12}$/),
  purpose: z.enum(LOOKUP_PURPOSES),
  consent: z.literal(true),
  agencyCode: z.string().min(1).max(35),
});

/**
 * The population database, locally: an API key, a stated purpose and the person's consent required, a
 * handful of invented people. It counts lookups (by request id, not by person) for the tests.
 */
export class PopulationSimulator extends HttpSimulator {
  readonly lookups: { requestId: string; purpose: string; agencyCode: string; found: boolean }[] = [];

  constructor(
    private readonly apiKey = 'population-demo-key',
    private readonly people: Record<string, Citizen> = DEMO_CITIZENS,
    options: SimulatorOptions = {},
  ) {
    super({ 'POST /citizens/lookup': (request) => this.lookup(request) }, options);
  }

  private lookup(request: SimulatedRequest): SimulatedResponse {
    if (request.headers['x-api-key'] !== this.apiKey) return { status: 401, body: { code: 'unauthorised' } };
    const body = (request.body ?? {}) as { consent?: unknown };
    if (body.consent !== true) return { status: 403, body: { code: 'consent_required' } };
    const parsed = requestSchema.safeParse(request.body);
    if (!parsed.success) return { status: 400, body: { code: 'invalid' } };
    const citizen = this.people[parsed.data.idNumber];
    this.lookups.push({
      requestId: String(request.headers['x-request-id'] ?? ''),
      purpose: parsed.data.purpose,
      agencyCode: parsed.data.agencyCode,
      found: citizen !== undefined,
    });
    return citizen ? { status: 200, body: { citizen } } : { status: 404, body: { code: 'not_found' } };
  }
}
