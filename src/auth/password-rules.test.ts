import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-rules.js';

const account = { username: 'receiver.stp', fullName: 'Nguyễn Thị Hoa' };

describe('password rules', () => {
  it('accepts 12 characters or more that are neither common nor the account name', () => {
    expect(passwordProblems('xanh-lam-9421', account)).toEqual([]);
    expect(passwordProblems('Tôi thích cà phê sữa đá', account)).toEqual([]);
  });

  it('accepts a passphrase of four words even under 12 characters', () => {
    expect(passwordProblems('ba mẹ con cá', account)).toEqual([]);
  });

  it('refuses short passwords that are not passphrases', () => {
    expect(passwordProblems('k7#mQ2x', account)).toEqual(['too_short']);
    expect(passwordProblems('ba mẹ con', account)).toEqual(['too_short']);
    expect(passwordProblems('x y z w v u', account)).toEqual(['too_short']);
  });

  it('refuses very long passwords', () => {
    expect(passwordProblems('x'.repeat(201), account)).toContain('too_long');
  });

  it("refuses the account's login name or full name, with or without accents, case or digits", () => {
    expect(passwordProblems('receiver.stp2026!', account)).toEqual(['contains_name']);
    expect(passwordProblems('NGUYENTHIHOA1990', account)).toEqual(['contains_name']);
    expect(passwordProblems('nguyễn thị hoa 1990', account)).toEqual(['contains_name']);
  });

  it('refuses common passwords dressed up with digits and symbols, and repeated letters', () => {
    expect(passwordProblems('Password1234!', account)).toEqual(['common']);
    expect(passwordProblems('matkhau@2026!', account)).toEqual(['common']);
    expect(passwordProblems('aaaaaaaaaaaaaa', account)).toEqual(['common']);
    expect(passwordProblems('123456789012', account)).toEqual(['common']);
  });
});
