import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nationalProcedureSchema, type ReviewCode } from './model.js';
import { type ParsedRecord, parseRecord } from './parse-record.js';
import { readNationalRecords } from './read-records.js';

const SHIPPED = path.join(import.meta.dirname, 'data', 'procedures.jsonl.gz');
/** The data README states the count. */
const RECORDS_IN_FILE = 1601;
const TIME_REVIEW: ReviewCode[] = [
  'channel_time_missing',
  'channel_time_unit_missing',
  'channel_time_text',
  'time_fee_run_together',
];

function countBy<T>(items: T[], key: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

describe('the shipped national file', () => {
  it('parses every record; documents for ≥ 97 %, with no heading or remark among them; a limit or a reason for every channel', async () => {
    const parsed: ParsedRecord[] = [];
    const malformed: string[] = [];
    for await (const read of readNationalRecords(SHIPPED)) {
      if (read.ok) parsed.push(parseRecord(read.record));
      else malformed.push(read.message);
    }
    expect(malformed).toEqual([]);
    expect(parsed).toHaveLength(RECORDS_IN_FILE);

    for (const { procedure, review } of parsed) {
      expect(nationalProcedureSchema.safeParse(procedure).success).toBe(true);
      const json = JSON.stringify(procedure);
      expect(json).toBe(json.normalize('NFC'));
      for (const item of review) expect(item.text.trim() && item.field && item.reason).toBeTruthy();
      // A fee in đồng is never left in thousands: 0, at least 1,000, or unknown (and then in review).
      for (const fee of procedure.channels.flatMap((c) => c.fees)) {
        if (fee.currency === 'VND' && fee.amount !== null)
          expect(fee.amount === 0 || fee.amount >= 1000).toBe(true);
      }
    }

    const full = parsed.filter((p) => p.review.length === 0);
    const withDocuments = parsed.filter((p) => p.tables.documents);
    const withChannels = parsed.filter((p) => p.tables.channels);
    const withLimit = withChannels.filter((p) => p.procedure.channels.some((c) => c.timeLimit));
    const withoutLimit = withChannels.filter((p) => !p.procedure.channels.some((c) => c.timeLimit));

    // Every channel without a limit has its reason in review.
    for (const { procedure, review } of withChannels) {
      const missing = procedure.channels.filter((c) => !c.timeLimit).length;
      expect(review.filter((item) => TIME_REVIEW.includes(item.code)).length).toBeGreaterThanOrEqual(missing);
    }
    // 1,566 of 1,601 when the rows that are headings, remarks and guidance were first kept out of the lists.
    expect(withDocuments.length / parsed.length).toBeGreaterThanOrEqual(0.97);
    const documents = parsed.flatMap((p) => p.procedure.documents);
    const notes = parsed.flatMap((p) => p.procedure.documentNotes);
    // A row that asks for nothing and ends with ":" is a heading; "Lưu ý" opens a remark: neither is a document.
    expect(documents.filter((d) => d.originals === 0 && d.copies === 0 && /:\s*$/u.test(d.name))).toEqual([]);
    expect(documents.filter((d) => /^\W*Lưu ý/iu.test(d.name))).toEqual([]);

    // Birth registration: the documents to hand in, and none of the guidance around them.
    const birth = parsed.find((p) => p.procedure.code === '1.001193');
    const names = birth?.procedure.documents.map((d) => d.name) ?? [];
    expect(names).toHaveLength(8);
    expect(names).toContainEqual(expect.stringMatching(/^Tờ khai đăng ký khai sinh theo mẫu/));
    expect(names).toContainEqual(expect.stringMatching(/^Giấy chứng sinh;/));
    expect(
      names.filter((name) => /^(?:Người tiếp nhận|Đối với giấy tờ|Bản chụp các giấy tờ)/u.test(name)),
    ).toEqual([]);
    expect(birth?.procedure.documentNotes).toContainEqual(
      expect.stringMatching(
        /^Đối với giấy tờ gửi kèm theo nếu người yêu cầu nộp hồ sơ theo hình thức trực tuyến:$/,
      ),
    );
    expect(
      birth?.review.filter((item) => item.field === 'thanh_phan_ho_so').map((item) => item.code),
    ).toEqual(['document_row_unclassified']);

    console.log(
      [
        `records: ${parsed.length}`,
        `fully parsed (no review item): ${full.length}`,
        `needing review: ${parsed.length - full.length}`,
        `with a parsed document list: ${withDocuments.length} (${((100 * withDocuments.length) / parsed.length).toFixed(1)} %)`,
        `documents: ${documents.length}; notes beside them: ${notes.length} in ${parsed.filter((p) => p.procedure.documentNotes.length > 0).length} records`,
        `with a channel table: ${withChannels.length}; with a parsed limit: ${withLimit.length}; without: ${withoutLimit.length}`,
      ].join('\n'),
    );
    console.log(
      'review items by reason:\n' +
        countBy(
          parsed.flatMap((p) => p.review),
          (item) => item.code,
        )
          .map(([code, n]) => `  ${code}: ${n}`)
          .join('\n'),
    );
    console.log(
      'records by field:\n' +
        countBy(parsed, (p) => p.procedure.field)
          .map(([field, n]) => `  ${field}: ${n}`)
          .join('\n'),
    );
    console.log(
      'channel tables without a parsed limit (code: reasons):\n' +
        withoutLimit
          .map(({ procedure, review }) => {
            const reasons = [
              ...new Set(review.filter((i) => TIME_REVIEW.includes(i.code)).map((i) => i.code)),
            ];
            return `  ${procedure.code}: ${reasons.join(', ')}`;
          })
          .join('\n'),
    );
  });
});
