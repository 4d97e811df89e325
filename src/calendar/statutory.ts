import { getSolarDate } from '@dqcai/vn-lunar';
import { type DayNumber, dayFromYmd, isWeekend } from './dates.js';

export interface NamedDay {
  day: DayNumber;
  name: string;
}

function lunarToDay(lunarDay: number, lunarMonth: number, lunarYear: number): DayNumber {
  const solar = getSolarDate(lunarDay, lunarMonth, lunarYear);
  return dayFromYmd(solar.year, solar.month, solar.day);
}

/**
 * The public holidays of Labour Code 2019 art. 112 for a year without an announced schedule.
 * The Prime Minister fixes the exact Tết and National Day days each year; the defaults below are
 * configuration-grade assumptions [unverified]: Tết = New Year's Eve + days 1–4 of the first lunar
 * month; National Day = 2/9 plus 1/9, or 3/9 when 1/9 falls on a weekend (the choice made 2024–2026).
 * Lunar dates come from the Vietnamese calendar (UTC+7).
 */
export function statutoryHolidays(year: number): NamedDay[] {
  const tet = lunarToDay(1, 1, year);
  const holidays: NamedDay[] = [{ day: dayFromYmd(year, 1, 1), name: 'Tết Dương lịch' }];
  for (let offset = -1; offset <= 3; offset++) {
    holidays.push({ day: tet + offset, name: 'Tết Nguyên đán' });
  }
  holidays.push({ day: lunarToDay(10, 3, year), name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' });
  holidays.push({ day: dayFromYmd(year, 4, 30), name: 'Ngày Chiến thắng (30/4)' });
  holidays.push({ day: dayFromYmd(year, 5, 1), name: 'Ngày Quốc tế Lao động (1/5)' });
  const nationalDay = dayFromYmd(year, 9, 2);
  holidays.push({ day: nationalDay, name: 'Quốc khánh (2/9)' });
  const adjacent = isWeekend(nationalDay - 1) ? nationalDay + 1 : nationalDay - 1;
  holidays.push({ day: adjacent, name: 'Quốc khánh (ngày liền kề)' });
  return holidays.sort((a, b) => a.day - b.day);
}

/**
 * Holidays that fall on a weekly rest day give a compensatory day off on the next working day
 * (Labour Code 2019 art. 111.3). Returns the holidays plus those compensatory days.
 */
export function withCompensatoryDays(holidays: NamedDay[]): NamedDay[] {
  const off = new Set(holidays.map((h) => h.day));
  const result = [...holidays];
  for (const holiday of holidays) {
    if (!isWeekend(holiday.day)) continue;
    let candidate = holiday.day + 1;
    while (isWeekend(candidate) || off.has(candidate)) candidate++;
    off.add(candidate);
    result.push({ day: candidate, name: `Nghỉ bù ${holiday.name}` });
  }
  return result.sort((a, b) => a.day - b.day);
}
