import { z } from 'zod';
import { type DayNumber, dayFromIso, isoFromDay, isWeekend, yearOfDay } from './dates.js';
import { statutoryHolidays, withCompensatoryDays } from './statutory.js';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD')
  .refine((value) => {
    try {
      dayFromIso(value);
      return true;
    } catch {
      return false;
    }
  }, 'Ngày không tồn tại');

export const announcedBreakSchema = z.object({
  from: isoDate,
  to: isoDate,
  name: z.string().trim().min(1, 'Cần tên kỳ nghỉ').max(300),
  source: z.string().max(1000).optional(),
});

export const makeupWorkdaySchema = z.object({
  date: isoDate,
  replaces: isoDate.optional(),
  name: z.string().trim().max(300).optional(),
  source: z.string().max(1000).optional(),
});

export const announcedScheduleSchema = z.object({
  breaks: z.array(announcedBreakSchema).max(60),
  makeupWorkdays: z.array(makeupWorkdaySchema).max(30).default([]),
  note: z.string().max(2000).optional(),
});

export type AnnouncedSchedule = z.infer<typeof announcedScheduleSchema>;

export interface ScheduleIssue {
  field: string;
  message: string;
}

const MAX_BREAK_DAYS = 31;

/** Checks what the schema cannot: dates belong to the year, ranges are ordered, make-up days are weekend days outside breaks. */
export function checkAnnouncedSchedule(year: number, schedule: AnnouncedSchedule): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  const breakDays = new Set<DayNumber>();
  schedule.breaks.forEach((item, index) => {
    const from = dayFromIso(item.from);
    const to = dayFromIso(item.to);
    if (yearOfDay(from) !== year) {
      issues.push({ field: `breaks.${index}.from`, message: `Ngày bắt đầu phải thuộc năm ${year}` });
    }
    if (to < from) {
      issues.push({ field: `breaks.${index}.to`, message: 'Ngày kết thúc phải sau hoặc bằng ngày bắt đầu' });
    } else if (to - from + 1 > MAX_BREAK_DAYS) {
      issues.push({ field: `breaks.${index}.to`, message: `Một kỳ nghỉ không quá ${MAX_BREAK_DAYS} ngày` });
    } else {
      for (let day = from; day <= to; day++) breakDays.add(day);
    }
  });
  schedule.makeupWorkdays.forEach((item, index) => {
    const day = dayFromIso(item.date);
    if (yearOfDay(day) !== year) {
      issues.push({ field: `makeupWorkdays.${index}.date`, message: `Ngày làm bù phải thuộc năm ${year}` });
    } else if (!isWeekend(day)) {
      issues.push({
        field: `makeupWorkdays.${index}.date`,
        message: 'Ngày làm bù phải là thứ Bảy hoặc Chủ nhật',
      });
    } else if (breakDays.has(day)) {
      issues.push({
        field: `makeupWorkdays.${index}.date`,
        message: 'Ngày làm bù không được nằm trong kỳ nghỉ',
      });
    }
  });
  return issues;
}

export type ScheduleSource = 'announced' | 'statutory';

/** One exception to the Monday–Friday week: a weekday off, or a weekend day worked. */
export interface DayException {
  date: string;
  working: boolean;
  reason: string;
  source: ScheduleSource;
}

/** Resolves a year's exceptions: the announced schedule when there is one, else Labour Code rules with compensatory days. */
export function yearExceptions(
  year: number,
  announced: AnnouncedSchedule | undefined,
  previousYear?: AnnouncedSchedule,
): DayException[] {
  const exceptions = new Map<DayNumber, DayException>();
  const addBreaks = (schedule: AnnouncedSchedule) => {
    for (const item of schedule.breaks) {
      for (let day = dayFromIso(item.from); day <= dayFromIso(item.to); day++) {
        if (yearOfDay(day) !== year || isWeekend(day)) continue;
        exceptions.set(day, {
          date: isoFromDay(day),
          working: false,
          reason: item.name,
          source: 'announced',
        });
      }
    }
  };
  if (previousYear) addBreaks(previousYear);
  if (announced) {
    addBreaks(announced);
    for (const item of announced.makeupWorkdays) {
      const day = dayFromIso(item.date);
      const replaces = item.replaces ? ` thay cho ngày ${item.replaces}` : '';
      exceptions.set(day, {
        date: item.date,
        working: true,
        reason: item.name ?? `Làm bù${replaces}`,
        source: 'announced',
      });
    }
  } else {
    for (const holiday of withCompensatoryDays(statutoryHolidays(year))) {
      if (isWeekend(holiday.day) || yearOfDay(holiday.day) !== year) continue;
      exceptions.set(holiday.day, {
        date: isoFromDay(holiday.day),
        working: false,
        reason: holiday.name,
        source: 'statutory',
      });
    }
  }
  return [...exceptions.values()].sort((a, b) => a.date.localeCompare(b.date));
}
