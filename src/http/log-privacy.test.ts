import { describe, expect, it } from 'vitest';
import { pathForLog } from './log-privacy.js';

describe('the path as logged', () => {
  it('drops the query string and hides long runs of digits', () => {
    expect(pathForLog('/api/dossiers?q=092190000001')).toBe('/api/dossiers');
    expect(pathForLog('/api/verify/123456789012')).toBe('/api/verify/[12 chữ số]');
    expect(pathForLog("/api/procedures/'092190012345/versions")).toBe(
      "/api/procedures/'[12 chữ số]/versions",
    );
    expect(pathForLog('/api/feedback/0912345678')).toBe('/api/feedback/[10 chữ số]');
  });

  it('keeps dossier codes, procedure codes and ids', () => {
    expect(pathForLog('/api/dossiers/000.31135.H13-261208-0001/events')).toBe(
      '/api/dossiers/000.31135.H13-261208-0001/events',
    );
    expect(pathForLog('/api/procedures/1.001193')).toBe('/api/procedures/1.001193');
    expect(pathForLog('/api/wallet/12345678/file')).toBe('/api/wallet/12345678/file');
  });
});
