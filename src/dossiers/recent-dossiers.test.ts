import { describe, expect, it } from 'vitest';
import type { Decision } from './events.js';
import { openAgenciesAfter, recentDossier, rememberDossier } from './recent-dossiers.js';
import type { DossierRow } from './store.js';

const header = {
  at: 0,
  actorRole: 'processor',
  actorAgency: 'A',
  agencyCode: 'A',
  fromStep: 'appraise',
  toStep: 'appraise',
  fromStatus: 'processing',
  toStatus: 'processing',
  note: null,
} as const;

const consult = (agencies: string[]) =>
  ({
    ...header,
    actorId: 1,
    action: 'consult',
    payload: { agencies, question: 'Ý kiến?', consultationDueAt: 0 },
  }) as unknown as Decision;
const answer = (agency: string, actorId: number | null = 2) =>
  ({
    ...header,
    actorId,
    action: 'answer_consultation',
    payload: { agency, answer: 'Đồng ý' },
  }) as unknown as Decision;
const forward = { ...header, actorId: 1, action: 'forward', payload: {} } as unknown as Decision;

describe('open consultations after an event, as the writer leaves them', () => {
  it('a consultation opens one question per agency, on top of those still open', () => {
    expect(openAgenciesAfter([], consult(['B', 'C']))).toEqual(['B', 'C']);
    expect(openAgenciesAfter(['B'], consult(['B']))).toEqual(['B', 'B']);
  });

  it("an agency's answer closes every open question to it, and only to it", () => {
    expect(openAgenciesAfter(['B', 'C', 'B'], answer('B'))).toEqual(['C']);
    expect(openAgenciesAfter(['C'], answer('B'))).toEqual(['C']);
  });

  it('an answer recorded without an officer closes nothing (the writer stores no answer then)', () => {
    expect(openAgenciesAfter(['B'], answer('B', null))).toEqual(['B']);
  });

  it('other actions leave consultations as they are', () => {
    expect(openAgenciesAfter(['B'], forward)).toEqual(['B']);
  });
});

describe('dossiers remembered by this process', () => {
  const row = (code: string, version: number) => ({ code, version }) as unknown as DossierRow;

  it('are given back only at the version written', () => {
    rememberDossier({ row: row('X-1', 3), openAgencies: ['B'] });
    expect(recentDossier('X-1', 3)?.openAgencies).toEqual(['B']);
    expect(recentDossier('X-1', 2)).toBeUndefined();
    expect(recentDossier('X-1', 4)).toBeUndefined();
    expect(recentDossier('X-2', 3)).toBeUndefined();
    rememberDossier({ row: row('X-1', 4), openAgencies: [] });
    expect(recentDossier('X-1', 3)).toBeUndefined();
    expect(recentDossier('X-1', 4)?.openAgencies).toEqual([]);
  });
});
