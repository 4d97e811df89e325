import { z } from 'zod';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Giờ phải có dạng HH:MM');

export const officeHoursSchema = z.object({
  sessions: z
    .array(z.object({ start: clock, end: clock }))
    .min(1)
    .max(4),
  cutoff: clock.default('15:00'),
});

export type OfficeHours = z.infer<typeof officeHoursSchema>;

/** Default office hours of a public body (RULES.md §5; set per agency). The cut-off is Decree 61/2018 art. 18. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  sessions: [
    { start: '07:00', end: '11:30' },
    { start: '13:00', end: '17:00' },
  ],
  cutoff: '15:00',
};

export interface CompiledOfficeHours {
  sessions: { start: number; end: number; length: number }[];
  /** Working milliseconds in one working day: the sum of the sessions. */
  dayMs: number;
  openMs: number;
  closeMs: number;
  cutoffMs: number;
}

function clockMs(value: string): number {
  const [h, m] = value.split(':').map(Number);
  return ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
}

export function compileOfficeHours(hours: OfficeHours): CompiledOfficeHours {
  const sessions = hours.sessions.map((s) => {
    const start = clockMs(s.start);
    const end = clockMs(s.end);
    return { start, end, length: end - start };
  });
  sessions.forEach((session, index) => {
    const previous = sessions[index - 1];
    if (session.length <= 0) throw new RangeError('Mỗi buổi làm việc phải kết thúc sau khi bắt đầu');
    if (previous && session.start < previous.end)
      throw new RangeError('Các buổi làm việc không được chồng lên nhau');
  });
  const first = sessions[0];
  const last = sessions[sessions.length - 1];
  if (!first || !last) throw new RangeError('Cần ít nhất một buổi làm việc');
  return {
    sessions,
    dayMs: sessions.reduce((sum, s) => sum + s.length, 0),
    openMs: first.start,
    closeMs: last.end,
    cutoffMs: clockMs(hours.cutoff ?? '15:00'),
  };
}

export const DEFAULT_COMPILED_HOURS = compileOfficeHours(DEFAULT_OFFICE_HOURS);
