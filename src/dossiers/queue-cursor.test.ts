import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeQueueCursor, encodeQueueCursor } from './queue-cursor.js';

describe('queue cursor', () => {
  it('reads back every cursor it writes', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: null }),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        (dueAt, id) => {
          expect(decodeQueueCursor(encodeQueueCursor({ dueAt, id }))).toEqual({ dueAt, id });
        },
      ),
    );
  });

  it('refuses what it did not write', () => {
    for (const text of [
      '',
      'not a cursor',
      Buffer.from('1.0').toString('base64url'),
      Buffer.from('x.5').toString('base64url'),
      Buffer.from('1.2.3').toString('base64url'),
      Buffer.from('-.-1').toString('base64url'),
      Buffer.from('99999999999999999.1').toString('base64url'),
      Buffer.from('1.99999999999999999').toString('base64url'),
      'A'.repeat(65),
    ])
      expect(decodeQueueCursor(text), text).toBeNull();
  });
});
