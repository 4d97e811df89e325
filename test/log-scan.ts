/** Names the test fixtures give applicants and residents: none may reach a server log. */
const FIXTURE_NAMES = [
  'Nguyễn Thị Hồng Nhung',
  'Trần Văn Bình',
  'Lê Minh Tâm',
  'Phạm Quốc Huy',
  'Trần Gia Bảo',
  'Nguyễn Thị Mai',
  'Trần Thị Lan',
];

/** A run of digits or letters standing alone (not part of a hash, a code or a longer number). */
const alone = (pattern: string) =>
  // Not the decimals of a number either ("responseTime":319.335876000001).
  new RegExp(`(?<![0-9A-Za-z])(?<!\\d\\.)${pattern}(?![0-9A-Za-z])(?!\\.\\d)`);
const PATTERNS: [string, RegExp][] = [
  ['identity number', alone('\\d{12}')],
  ['phone', alone('(?:\\+84|0)\\d{9,10}')],
  ['e-mail', /[\w.+-]+@[\w-]+\.[A-Za-z]{2,}/],
];

/**
 * The lines of a server log that carry personal data (Decree 13/2023: the log names users by id only),
 * each shortened to what was found and where.
 */
export function personalDataIn(log: string): string[] {
  const findings: string[] = [];
  for (const line of log.split('\n')) {
    if (!line) continue;
    const text = line.normalize('NFC');
    for (const [what, pattern] of PATTERNS) {
      const match = pattern.exec(text);
      if (match) findings.push(`${what} "${match[0]}" in ${text.slice(0, 300)}`);
    }
    for (const name of FIXTURE_NAMES)
      if (text.includes(name)) findings.push(`name "${name}" in ${text.slice(0, 300)}`);
  }
  return findings;
}
