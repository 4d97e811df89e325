import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './identity-routes.js';

describe('the page a login goes back to', () => {
  it('keeps a page of this site', () => {
    expect(safeReturnPath('/ho-so-cua-toi')).toBe('/ho-so-cua-toi');
    expect(safeReturnPath('/thu-tuc/1.001193/nop?x=1')).toBe('/thu-tuc/1.001193/nop?x=1');
  });
  it.each([
    undefined,
    '',
    'ho-so',
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example',
    '/a\\b',
    '/a\u0000b',
    '/a\nb',
    '/a\u007fb',
    `/${'a'.repeat(300)}`,
  ])('sends %j to the citizen’s dossiers instead', (value) => {
    expect(safeReturnPath(value)).toBe('/ho-so-cua-toi');
  });
});
