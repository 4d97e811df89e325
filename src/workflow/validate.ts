import { type Clock, durationToWorkingMs } from '../calendar/deadline.js';
import type { ProcessInput } from './model.js';

export interface ProcessIssue {
  field: string;
  message: string;
}

/**
 * A process is valid when keys are unique, every next step exists, it starts with reception and can
 * reach a return step from every step, every step is reachable, and the counted budgets add up to no
 * more than the procedure's time limit (when the limit is known in working time).
 */
export function validateProcess(
  process: ProcessInput,
  limitMs: number | null,
  clock: Pick<Clock, 'hours'>,
): ProcessIssue[] {
  const issues: ProcessIssue[] = [];
  const keys = new Map<string, number>();
  process.steps.forEach((step, index) => {
    if (keys.has(step.key))
      issues.push({ field: `steps.${index}.key`, message: `Mã bước "${step.key}" bị trùng` });
    keys.set(step.key, index);
  });
  process.steps.forEach((step, index) => {
    for (const next of step.next) {
      if (!keys.has(next))
        issues.push({ field: `steps.${index}.next`, message: `Bước tiếp theo "${next}" không tồn tại` });
    }
  });
  const first = process.steps[0];
  if (first?.kind !== 'reception')
    issues.push({ field: 'steps.0.kind', message: 'Bước đầu tiên phải là tiếp nhận hồ sơ' });
  if (!process.steps.some((s) => s.kind === 'return')) {
    issues.push({ field: 'steps', message: 'Quy trình phải có bước trả kết quả' });
  }
  if (issues.length > 0) return issues;

  const successors = (key: string) => process.steps[keys.get(key) ?? 0]?.next ?? [];
  const reachable = new Set<string>([first?.key ?? '']);
  const queue = [first?.key ?? ''];
  while (queue.length > 0) {
    for (const next of successors(queue.shift() ?? '')) {
      if (!reachable.has(next)) {
        reachable.add(next);
        queue.push(next);
      }
    }
  }
  process.steps.forEach((step, index) => {
    if (!reachable.has(step.key))
      issues.push({ field: `steps.${index}`, message: `Bước "${step.name}" không thể đến được` });
  });
  const reachesEnd = new Set(process.steps.filter((s) => s.kind === 'return').map((s) => s.key));
  let grew = true;
  while (grew) {
    grew = false;
    for (const step of process.steps) {
      if (!reachesEnd.has(step.key) && step.next.some((n) => reachesEnd.has(n))) {
        reachesEnd.add(step.key);
        grew = true;
      }
    }
  }
  process.steps.forEach((step, index) => {
    if (!reachesEnd.has(step.key)) {
      issues.push({
        field: `steps.${index}.next`,
        message: `Từ bước "${step.name}" không đi tới được bước trả kết quả`,
      });
    }
  });
  process.steps.forEach((step, index) => {
    if (step.kind !== 'return' && step.budget === null) {
      issues.push({
        field: `steps.${index}.budget`,
        message: 'Chỉ bước trả kết quả được không tính thời gian',
      });
    }
  });

  if (limitMs !== null) {
    const total = process.steps.reduce(
      (sum, step) =>
        sum +
        (step.budget ? durationToWorkingMs(clock.hours, step.budget, process.hoursPerDay ?? undefined) : 0),
      0,
    );
    if (total > limitMs + 1) {
      const days = (ms: number) =>
        (ms / clock.hours.dayMs).toLocaleString('vi-VN', { maximumFractionDigits: 2 });
      issues.push({
        field: 'steps',
        message: `Tổng thời gian các bước (${days(total)} ngày làm việc) vượt thời hạn giải quyết (${days(limitMs)} ngày làm việc)`,
      });
    }
  }
  return issues;
}
