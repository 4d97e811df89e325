import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { ROLES } from './roles.js';
import { secondFactorFor } from './second-factor.js';
import { authSettings } from './settings.js';

const REQUIRED = ['admin', 'controller'] as const;

describe('what a correct password leads to', () => {
  it.each(ROLES)('%s with TOTP gives its code, demo or not', (role) => {
    expect(secondFactorFor({ role, demo: false, totpEnabled: true }, REQUIRED)).toBe('totp');
    expect(secondFactorFor({ role, demo: true, totpEnabled: true }, REQUIRED)).toBe('totp');
  });

  it.each(ROLES)('%s without TOTP: enrols only where the role requires it', (role) => {
    const expected = (REQUIRED as readonly string[]).includes(role) ? 'totp_enrolment' : null;
    expect(secondFactorFor({ role, demo: false, totpEnabled: false }, REQUIRED)).toBe(expected);
  });

  it('demo accounts and an empty requirement open a session at once', () => {
    expect(secondFactorFor({ role: 'admin', demo: true, totpEnabled: false }, REQUIRED)).toBeNull();
    expect(secondFactorFor({ role: 'admin', demo: false, totpEnabled: false }, [])).toBeNull();
  });
});

describe('TOTP_REQUIRED_ROLES', () => {
  it('names the roles; an empty value requires none; an unknown role stops the start', () => {
    expect(authSettings(loadConfig({})).secondFactorRoles).toEqual(['admin', 'controller']);
    expect(authSettings(loadConfig({ TOTP_REQUIRED_ROLES: ' admin , clerk ' })).secondFactorRoles).toEqual([
      'admin',
      'clerk',
    ]);
    expect(authSettings(loadConfig({ TOTP_REQUIRED_ROLES: '' })).secondFactorRoles).toEqual([]);
    expect(() => authSettings(loadConfig({ TOTP_REQUIRED_ROLES: 'admin,nobody' }))).toThrow(ConfigError);
    expect(() => loadConfig({ TOTP_REQUIRED_ROLES: 'admin;controller' })).toThrow(ConfigError);
  });
});
