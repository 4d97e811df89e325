import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, SERVER_NODE_FLAGS } from './config.js';

describe('configuration validated at boot', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, MOTCUA_DEMO: true, MOTCUA_DEMO_PASSWORD: 'demo' });
    expect(config.dataDir).toMatch(/data$/);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['MOTCUA_DEMO', 'maybe'],
    ['LOG_LEVEL', 'loud'],
    ['MOTCUA_PG_PORT', '80'],
  ])('stops on %s=%s with one line naming the variable', (name, value) => {
    try {
      loadConfig({ [name]: value });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain(name);
      expect(message.split('\n')).toHaveLength(1);
    }
  });
});

describe("the server's heap limit", () => {
  it('is the one `npm start` gives Node', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const start: string = pkg.scripts.start;
    expect(SERVER_NODE_FLAGS).toHaveLength(1);
    expect(start.split(' ')).toContain(SERVER_NODE_FLAGS[0]);
  });
});
