import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import type { Clock } from './deadline.js';
import {
  type CompiledOfficeHours,
  compileOfficeHours,
  DEFAULT_COMPILED_HOURS,
  officeHoursSchema,
} from './office-hours.js';
import { calendarVersion, loadAnnouncedSchedules } from './store.js';
import { WorkingCalendar } from './working-calendar.js';

const REFRESH_MS = 30_000;

/**
 * Hands out clocks (working calendar + an agency's office hours). The calendar is rebuilt when a
 * schedule changes here, and re-checked against the database every 30 s for changes made on other nodes.
 */
/** Reads an agency's stored office hours: undefined when the agency does not exist, null when it keeps the defaults. */
export type OfficeHoursLookup = (
  db: Kysely<Database>,
  agencyCode: string,
) => Promise<unknown | null | undefined>;

export class ClockService {
  private calendar: WorkingCalendar | null = null;
  private version = '';
  private checkedAt = 0;
  private readonly hoursCache = new Map<string, { hours: CompiledOfficeHours; at: number }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly lookupOfficeHours: OfficeHoursLookup,
  ) {}

  invalidate(): void {
    this.calendar = null;
    this.hoursCache.clear();
  }

  /** `db` lets a caller inside a transaction read through its own connection instead of taking another from the pool. */
  async workingCalendar(db: Kysely<Database> = this.db): Promise<WorkingCalendar> {
    const now = Date.now();
    if (this.calendar && now - this.checkedAt < REFRESH_MS) return this.calendar;
    const version = await calendarVersion(db);
    if (!this.calendar || version !== this.version) {
      this.calendar = new WorkingCalendar(await loadAnnouncedSchedules(db));
      this.version = version;
    }
    this.checkedAt = now;
    return this.calendar;
  }

  async clock(agencyCode?: string, db: Kysely<Database> = this.db): Promise<Clock> {
    return { calendar: await this.workingCalendar(db), hours: await this.officeHours(db, agencyCode) };
  }

  private async officeHours(db: Kysely<Database>, agencyCode?: string): Promise<CompiledOfficeHours> {
    if (!agencyCode) return DEFAULT_COMPILED_HOURS;
    const cached = this.hoursCache.get(agencyCode);
    if (cached && Date.now() - cached.at < REFRESH_MS) return cached.hours;
    const stored = await this.lookupOfficeHours(db, agencyCode);
    if (stored === undefined)
      throw new AppError('AGENCY_NOT_FOUND', `Không tìm thấy cơ quan có mã ${agencyCode}.`);
    const hours = stored ? compileOfficeHours(officeHoursSchema.parse(stored)) : DEFAULT_COMPILED_HOURS;
    this.hoursCache.set(agencyCode, { hours, at: Date.now() });
    return hours;
  }
}
