import type { FieldIssue } from '../shared/errors.js';
import type { ProcedureRecord } from './model.js';

/**
 * Decree 224/2026 art. 14: procedures are offered fully online by default; one offered partly online or not online
 * must publish its reason. A level is only as high as the channels allow: online levels need the online channel.
 * `touched` says whether this change sets the level or the reason (a change to other content leaves an imported
 * procedure that still waits for its review as it is).
 */
export function onlineLevelIssues(record: ProcedureRecord, touched: boolean): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (record.onlineLevel !== 'none' && !record.channels.includes('online'))
    issues.push({
      field: 'body.onlineLevel',
      message: 'Thủ tục trực tuyến (toàn trình hoặc một phần) phải có cách thức nộp trực tuyến',
    });
  if (touched && record.onlineLevel !== 'full' && record.onlineReason === null)
    issues.push({
      field: 'body.onlineReason',
      message: 'Thủ tục chưa trực tuyến toàn trình phải nêu lý do (Nghị định 224/2026, Điều 14)',
    });
  return issues;
}

/** A fully online procedure has nothing to explain: its reason is dropped. */
export function withOnlineReason(record: ProcedureRecord): ProcedureRecord {
  return record.onlineLevel === 'full' ? { ...record, onlineReason: null } : record;
}
