import { foldForSearch } from '../shared/text.js';

/**
 * Passwords people can remember and attackers cannot guess cheaply: length matters more than symbols
 * (NIST SP 800-63B §5.1.1.2), so a password needs 12 characters, or is a passphrase of at least four words;
 * it may not contain the account's login name or full name, nor be a well-known password with a few digits
 * or symbols around it.
 */
export const MIN_LENGTH = 12;
const PASSPHRASE_WORDS = 4;
const PASSPHRASE_MIN_LENGTH = 10;
export const MAX_LENGTH = 200;

/** Passwords found at the top of every leaked list, and local favourites; compared without digits or case. */
const COMMON = new Set([
  'password',
  'passw0rd',
  'matkhau',
  'admin',
  'administrator',
  'qwerty',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'abc',
  'abcdef',
  'iloveyou',
  'anhyeuem',
  'emyeuanh',
  'yeuem',
  'vietnam',
  'hanoi',
  'saigon',
  'cantho',
  'motcua',
  'dichvucong',
  'welcome',
  'letmein',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'sunshine',
  'princess',
  'superman',
  'trustno',
  'secret',
  'changeme',
  'default',
  'login',
  'master',
  'hello',
  'khongbiet',
  'matkhaumoi',
  'thaydoi',
]);

export type PasswordProblem = 'too_short' | 'too_long' | 'contains_name' | 'common';

/** Letters only, without accents or case: what a guesser tries first. */
function core(text: string): string {
  return foldForSearch(text).replace(/[^a-z]/g, '');
}

function isPassphrase(password: string): boolean {
  const words = password
    .trim()
    .split(/\s+/u)
    .filter((word) => /\p{L}{2,}/u.test(word));
  return words.length >= PASSPHRASE_WORDS && password.trim().length >= PASSPHRASE_MIN_LENGTH;
}

/** What is wrong with a new password for this account (empty: acceptable). */
export function passwordProblems(
  password: string,
  account: { username: string; fullName: string },
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length > MAX_LENGTH) problems.push('too_long');
  else if (length < MIN_LENGTH && !isPassphrase(password)) problems.push('too_short');
  const letters = core(password);
  const names = [core(account.username), core(account.fullName)].filter((name) => name.length >= 3);
  if (names.some((name) => letters.includes(name))) problems.push('contains_name');
  if (letters.length === 0 || COMMON.has(letters) || /^(.)\1*$/.test(letters)) problems.push('common');
  return problems;
}

export const PASSWORD_PROBLEM_VI: Record<PasswordProblem, string> = {
  too_short: `Mật khẩu cần ít nhất ${MIN_LENGTH} ký tự, hoặc là một cụm từ gồm ít nhất ${PASSPHRASE_WORDS} từ.`,
  too_long: `Mật khẩu dài tối đa ${MAX_LENGTH} ký tự.`,
  contains_name: 'Mật khẩu không được chứa tên đăng nhập hoặc họ tên của tài khoản.',
  common: 'Mật khẩu này quá phổ biến, dễ bị đoán. Vui lòng chọn mật khẩu khác.',
};
