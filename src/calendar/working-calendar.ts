import { type DayNumber, dayFromYmd, daysInYear, isWeekend, yearOfDay } from './dates.js';
import {
  type AnnouncedSchedule,
  type DayException,
  type ScheduleSource,
  yearExceptions,
} from './schedule.js';

interface YearTable {
  firstDay: DayNumber;
  /** 1 where the day is a working day. */
  working: Uint8Array;
  /** prefix[i] = working days among the year's first i days. */
  prefix: Int32Array;
  exceptions: DayException[];
  source: ScheduleSource;
}

/**
 * Which days are working days for public bodies: Monday–Friday (Decision 188/1999/QĐ-TTg) minus
 * holidays and announced breaks, plus announced make-up days. Years are resolved lazily and cached.
 */
/** Bounds of any calendar walk: a century of working days, a century of calendar days. */
export const MAX_WORKING_DAYS = 26_000;
const MAX_SPAN_DAYS = 36_600;

export class WorkingCalendar {
  private readonly tables = new Map<number, YearTable>();

  constructor(private readonly announced: ReadonlyMap<number, AnnouncedSchedule> = new Map()) {}

  source(year: number): ScheduleSource {
    return this.table(year).source;
  }

  exceptions(year: number): DayException[] {
    return this.table(year).exceptions;
  }

  isWorkingDay(day: DayNumber): boolean {
    const table = this.table(yearOfDay(day));
    return table.working[day - table.firstDay] === 1;
  }

  /** The first working day strictly after `day`. */
  nextWorkingDay(day: DayNumber): DayNumber {
    return this.nthWorkingDayAfter(day, 1);
  }

  /** The n-th working day strictly after `day` (n ≥ 1); n = 0 returns `day` itself. */
  nthWorkingDayAfter(day: DayNumber, n: number): DayNumber {
    // No legal period reaches a century: refuse before looping instead of walking the calendar for ever.
    if (!(n >= 0 && n <= MAX_WORKING_DAYS)) throw new RangeError(`cannot count ${n} working days`);
    let remaining = n;
    let current = day;
    let table = this.table(yearOfDay(current));
    while (remaining > 0) {
      current++;
      let index = current - table.firstDay;
      if (index >= table.working.length) {
        table = this.table(yearOfDay(current));
        index = current - table.firstDay;
      }
      if (table.working[index] === 1) remaining--;
    }
    return current;
  }

  /** The last working day strictly before `day`. */
  previousWorkingDay(day: DayNumber): DayNumber {
    let current = day - 1;
    while (!this.isWorkingDay(current)) current--;
    return current;
  }

  /** Working days in the half-open range [from, to). */
  countWorkingDays(from: DayNumber, to: DayNumber): number {
    if (to <= from) return 0;
    if (to - from > MAX_SPAN_DAYS) throw new RangeError('cannot count working days over more than a century');
    let count = 0;
    let day = from;
    while (day < to) {
      const table = this.table(yearOfDay(day));
      const start = day - table.firstDay;
      const end = Math.min(to - table.firstDay, table.working.length);
      count += (table.prefix[end] ?? 0) - (table.prefix[start] ?? 0);
      day = table.firstDay + end;
    }
    return count;
  }

  private table(year: number): YearTable {
    const cached = this.tables.get(year);
    if (cached) return cached;
    const firstDay = dayFromYmd(year, 1, 1);
    const length = daysInYear(year);
    const working = new Uint8Array(length);
    for (let i = 0; i < length; i++) working[i] = isWeekend(firstDay + i) ? 0 : 1;
    const schedule = this.announced.get(year);
    const exceptions = yearExceptions(year, schedule, this.announced.get(year - 1));
    for (const exception of exceptions) {
      const index = dayFromIsoFast(exception.date) - firstDay;
      working[index] = exception.working ? 1 : 0;
    }
    const prefix = new Int32Array(length + 1);
    for (let i = 0; i < length; i++) prefix[i + 1] = (prefix[i] ?? 0) + (working[i] ?? 0);
    const table: YearTable = {
      firstDay,
      working,
      prefix,
      exceptions,
      source: schedule ? 'announced' : 'statutory',
    };
    this.tables.set(year, table);
    return table;
  }
}

function dayFromIsoFast(iso: string): DayNumber {
  return dayFromYmd(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}
