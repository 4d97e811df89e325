import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { httpTimestampClient } from './http-timestamp-client.js';
import { localPki } from './test-fixtures.js';
import { answerTimestampRequest } from './timestamp-authority.js';
import { startTsaServer } from './tsa-server.js';

describe('local RFC 3161 time-stamp authority', () => {
  it('rejects a malformed request with status rejection and badDataFormat', async () => {
    const { tsa, root } = await localPki();
    const reply = await answerTimestampRequest(
      { holder: tsa, chain: [root.certificate], policy: '1.2.3' },
      Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01),
    );
    const response = pkijs.TimeStampResp.fromBER(reply);
    expect(response.status.status).toBe(pkijs.PKIStatus.rejection);
    expect(response.timeStampToken).toBeUndefined();
  });

  it('answers over HTTP only with the RFC 3161 media types, and the client refuses a policy it is not offered', async () => {
    const { tsa, root } = await localPki();
    const server = await startTsaServer({ holder: tsa, chain: [root.certificate], policy: '1.2.3' });
    try {
      const wrongType = await fetch(server.url, {
        method: 'POST',
        body: 'x',
        headers: { 'content-type': 'text/plain' },
      });
      expect(wrongType.status).toBe(415);
      expect((await fetch(server.url)).status).toBe(405);
      const token = await httpTimestampClient(server.url).timestamp(new Uint8Array([1, 2, 3]));
      expect(token.byteLength).toBeGreaterThan(1000);
      await expect(
        httpTimestampClient(server.url, { policy: '1.2.3.999' }).timestamp(new Uint8Array([1])),
      ).rejects.toMatchObject({ code: 'TIMESTAMP_UNAVAILABLE' });
    } finally {
      await server.close();
    }
  });
});
