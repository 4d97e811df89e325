import { describe, expect, it } from 'vitest';
import type { DossierEvent } from '../dossiers/events.js';
import type { ServiceRecord } from '../dossiers/service-record.js';
import {
  agenciesContactedPoints,
  contactPoints,
  partTimePoints,
  ratingParts,
  totalTimePoints,
} from './indicators.js';

const CENTRE = '000.00.01.H13';
const STP = '000.00.05.H13';

function event(
  action: string,
  payload: Record<string, unknown>,
  actorAgency: string | null = CENTRE,
): DossierEvent {
  return {
    seq: 1,
    at: 0,
    actorId: 1,
    actorRole: 'receiver',
    actorAgency,
    agencyCode: STP,
    fromStep: null,
    toStep: null,
    fromStatus: null,
    toStatus: 'processing',
    note: null,
    action,
    payload,
  } as DossierEvent;
}

function record(overrides: Partial<ServiceRecord>): ServiceRecord {
  return {
    code: 'X',
    ownerId: 1,
    status: 'returned',
    channel: 'online',
    receivingAgency: CENTRE,
    handlingAgency: STP,
    returnedAt: 0,
    events: [],
    handOvers: [],
    ...overrides,
  };
}

describe('indicators computed from the event log', () => {
  it.each([
    ['early', 2],
    ['on_time', 1],
    ['late', 0],
  ] as const)('(1) finished %s → %i', (timeliness, points) => {
    expect(totalTimePoints(record({ events: [event('issue_result', { timeliness })] }))).toBe(points);
  });

  it('(1) unknown without a finishing event', () => {
    expect(totalTimePoints(record({ events: [event('accept', {})] }))).toBeNull();
  });

  it.each([
    [[], null],
    [[null], null],
    [['early', 'early'], 2],
    [['early', 'on_time', null], 1],
    [['early', 'late', 'on_time'], 0],
  ] as const)('(2) hand-overs %j → %s', (results, points) => {
    expect(partTimePoints([...results])).toBe(points);
  });

  it.each([
    [0, 2],
    [1, 1],
    [2, 0],
    [3, 0],
  ])('(3) %i supplement requests → %i', (n, points) => {
    const events = Array.from({ length: n }, () => event('request_supplement', { phase: 'reception' }));
    expect(contactPoints(record({ events }))).toBe(points);
  });

  it('(4) online and returned online: nobody contacted → 2', () => {
    expect(agenciesContactedPoints(record({ events: [event('return_result', { method: 'online' })] }))).toBe(
      2,
    );
  });

  it('(4) filed at the counter, or collected there, or asked at reception: only the one-stop desk → 1', () => {
    expect(agenciesContactedPoints(record({ channel: 'counter' }))).toBe(1);
    expect(agenciesContactedPoints(record({ events: [event('return_result', { method: 'counter' })] }))).toBe(
      1,
    );
    expect(
      agenciesContactedPoints(record({ events: [event('request_supplement', { phase: 'reception' })] })),
    ).toBe(1);
  });

  it('(4) asked for a supplement by the handling agency during processing: more than the desk → 0', () => {
    expect(
      agenciesContactedPoints(
        record({ channel: 'counter', events: [event('request_supplement', { phase: 'processing' }, STP)] }),
      ),
    ).toBe(0);
  });

  it('parts: each agency, unit and officer with the worst of its own hand-overs', () => {
    const parts = ratingParts(
      record({
        handOvers: [
          { agencyCode: CENTRE, unitCode: null, officerId: 2, result: 'early' },
          { agencyCode: STP, unitCode: 'BTXH', officerId: 11, result: 'late' },
          { agencyCode: STP, unitCode: null, officerId: 13, result: 'early' },
          { agencyCode: CENTRE, unitCode: null, officerId: 2, result: null },
        ],
      }),
    );
    expect(parts).toEqual([
      { level: 'agency', agencyCode: CENTRE, unitCode: null, officerId: null, i2: 2 },
      { level: 'agency', agencyCode: STP, unitCode: null, officerId: null, i2: 0 },
      { level: 'officer', agencyCode: CENTRE, unitCode: null, officerId: 2, i2: 2 },
      { level: 'unit', agencyCode: STP, unitCode: 'BTXH', officerId: null, i2: 0 },
      { level: 'officer', agencyCode: STP, unitCode: null, officerId: 11, i2: 0 },
      { level: 'officer', agencyCode: STP, unitCode: null, officerId: 13, i2: 2 },
    ]);
  });
});
