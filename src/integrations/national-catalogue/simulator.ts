import {
  HttpSimulator,
  type SimulatedRequest,
  type SimulatedResponse,
  type SimulatorOptions,
} from '../simulator-kit.js';
import { type CatalogueChange, catalogueChangeSchema } from './model.js';

/**
 * The national procedure database's change feed, locally: an API key, changes numbered in order, pages of at most
 * 100. Tests and the demo add changes (`change`, or `POST /_simulator/changes`) with real detail records.
 */
export class NationalCatalogueSimulator extends HttpSimulator {
  readonly changes: CatalogueChange[] = [];

  constructor(
    private readonly apiKey = 'catalogue-demo-key',
    options: SimulatorOptions = {},
  ) {
    super(
      {
        'GET /api/thu-tuc/thay-doi': (request) => this.feed(request),
        'POST /_simulator/changes': (request) => {
          const body = (request.body ?? {}) as Record<string, unknown>;
          const parsed = catalogueChangeSchema.omit({ stt: true }).safeParse(body);
          if (!parsed.success) return { status: 400, body: { code: 'invalid' } };
          return { status: 201, body: this.change(parsed.data) };
        },
      },
      options,
    );
  }

  /** A change made at the national database: it gets the next number. */
  change(change: Omit<CatalogueChange, 'stt'>): CatalogueChange {
    const numbered = { ...change, stt: (this.changes.at(-1)?.stt ?? 0) + 1 };
    this.changes.push(numbered);
    return numbered;
  }

  private feed(request: SimulatedRequest): SimulatedResponse {
    if (request.headers['x-api-key'] !== this.apiKey) return { status: 401, body: { code: 'unauthorised' } };
    const after = Number(request.query.get('tu') ?? '0');
    const limit = Math.min(100, Math.max(1, Number(request.query.get('so_luong') ?? '50')));
    if (!Number.isInteger(after) || after < 0 || !Number.isInteger(limit))
      return { status: 400, body: { code: 'invalid' } };
    return { status: 200, body: { data: this.changes.filter((c) => c.stt > after).slice(0, limit) } };
  }
}
