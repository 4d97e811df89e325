import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { httpTimestampClient } from './http-timestamp-client.js';
import { signPdf } from './sign-pdf.js';
import { agencyName, localPki, type Pki, samplePdf } from './test-fixtures.js';
import { type RunningTsa, startTsaServer } from './tsa-server.js';
import { verifyPdf } from './verify-pdf.js';

const run = promisify(execFile);

async function pdfsigAvailable(): Promise<boolean> {
  try {
    await run('pdfsig', ['-v']);
    return true;
  } catch {
    return false;
  }
}
const hasPdfsig = await pdfsigAvailable();

describe('PAdES signatures', () => {
  let pki: Pki;
  let stranger: Pki;
  let tsa: RunningTsa;
  let unsigned: Buffer;
  let signed: Buffer;
  // PDF dates keep whole seconds (ISO 32000-1 §7.9.4).
  const signingTime = new Date(Math.floor(Date.now() / 1000) * 1000);

  beforeAll(async () => {
    [pki, stranger, unsigned] = await Promise.all([
      localPki(),
      localPki('CA lạ không được tin cậy'),
      samplePdf(),
    ]);
    tsa = await startTsaServer({
      holder: pki.tsa,
      chain: [pki.root.certificate],
      policy: '1.3.6.1.4.1.99999.3161',
    });
    signed = await signPdf(unsigned, pki.agency, {
      reason: 'Ký số kết quả giải quyết thủ tục hành chính',
      location: 'Phường Ninh Kiều, thành phố Cần Thơ',
      signingTime,
    });
  });
  afterAll(async () => {
    await tsa?.close();
  });

  it('verifies our PAdES B-B signature and returns the Vietnamese names exactly', async () => {
    const { signatures, summary } = await verifyPdf(signed, [pki.root.certificate]);
    expect(summary).toBe('Tệp có 1 chữ ký số, tất cả đều hợp lệ.');
    const [signature] = signatures;
    expect(signature).toMatchObject({
      subFilter: 'ETSI.CAdES.detached',
      digestMatches: true,
      signatureValid: true,
      coversWholeFile: true,
      trusted: true,
      certificateValidAtSigningTime: true,
      valid: true,
      problems: [],
      timestamp: null,
      name: agencyName,
      reason: 'Ký số kết quả giải quyết thủ tục hành chính',
      location: 'Phường Ninh Kiều, thành phố Cần Thơ',
      claimedSigningTime: signingTime,
    });
    expect(signature?.signer?.commonName).toBe(agencyName.normalize('NFC'));
    expect(signature?.signer?.commonName?.normalize('NFD')).toBe(agencyName.normalize('NFD'));
    expect(signature?.signer?.subject).toContain('O=UBND thành phố Cần Thơ');
    expect(signature?.signer?.issuer).toContain('CN=CA thử nghiệm motcua');
    expect(signature?.signer?.serialNumber).toBe(pki.agency.certificate.serialNumber);
  });

  it('detects one changed byte inside the signed range', async () => {
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('Producer');
    const range = (await verifyPdf(signed, [pki.root.certificate])).signatures[0]?.byteRange ?? [];
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(range[1] ?? 0);
    tampered[at] = 'p'.charCodeAt(0);
    const [signature] = (await verifyPdf(tampered, [pki.root.certificate])).signatures;
    expect(signature).toMatchObject({ digestMatches: false, signatureValid: true, valid: false });
    expect(signature?.problems.map((item) => item.code)).toContain('DIGEST_MISMATCH');
  });

  it('reports bytes appended after signing as not covered', async () => {
    const appended = Buffer.concat([signed, Buffer.from('\n% thêm sau khi ký\n')]);
    const [signature] = (await verifyPdf(appended, [pki.root.certificate])).signatures;
    expect(signature).toMatchObject({ digestMatches: true, coversWholeFile: false, valid: false });
    expect(signature?.problems.map((item) => item.code)).toEqual(['CHANGED_AFTER_SIGNING']);
  });

  it('reports a certificate from another CA as not trusted', async () => {
    const foreign = await signPdf(unsigned, stranger.agency, { signingTime });
    const [signature] = (await verifyPdf(foreign, [pki.root.certificate])).signatures;
    expect(signature).toMatchObject({
      digestMatches: true,
      signatureValid: true,
      trusted: false,
      valid: false,
    });
    expect(signature?.problems.map((item) => item.code)).toEqual(['CERTIFICATE_NOT_TRUSTED']);
    expect(signature?.problems[0]?.message).toMatch(
      /không do tổ chức cung cấp dịch vụ chứng thực tin cậy cấp/,
    );
  });

  it('reports a certificate used before it was valid', async () => {
    const early = await signPdf(unsigned, pki.agency, { signingTime: new Date('2020-01-01T00:00:00Z') });
    const [signature] = (await verifyPdf(early, [pki.root.certificate])).signatures;
    expect(signature?.problems.map((item) => item.code)).toContain('CERTIFICATE_NOT_VALID_AT_SIGNING_TIME');
  });

  it('time-stamps the signature through the local TSA over HTTP (PAdES B-T) and reports the time', async () => {
    const before = new Date(Date.now() - 1000);
    const stamped = await signPdf(unsigned, pki.agency, { timestamp: httpTimestampClient(tsa.url) });
    const after = new Date(Date.now() + 1000);
    const [signature] = (await verifyPdf(stamped, [pki.root.certificate])).signatures;
    expect(signature).toMatchObject({ valid: true, problems: [] });
    expect(signature?.timestamp?.valid).toBe(true);
    expect(signature?.timestamp?.authority).toContain('Máy chủ cấp dấu thời gian thử nghiệm');
    const time = signature?.timestamp?.time?.getTime() ?? 0;
    expect(time).toBeGreaterThanOrEqual(before.getTime());
    expect(time).toBeLessThanOrEqual(after.getTime());
  });

  it('reports a time-stamp from an untrusted TSA as invalid', async () => {
    const strangeTsa = await startTsaServer({
      holder: stranger.tsa,
      chain: [stranger.root.certificate],
      policy: '1.2.3',
    });
    try {
      const stamped = await signPdf(unsigned, pki.agency, { timestamp: httpTimestampClient(strangeTsa.url) });
      const [signature] = (await verifyPdf(stamped, [pki.root.certificate])).signatures;
      expect(signature?.timestamp?.valid).toBe(false);
      expect(signature?.problems.map((item) => item.code)).toContain('TIMESTAMP_INVALID');
    } finally {
      await strangeTsa.close();
    }
  });

  it('adds a second signature as an incremental update without breaking the first', async () => {
    const twice = await signPdf(signed, stranger.agency, { signingTime });
    const { signatures } = await verifyPdf(twice, [pki.root.certificate, stranger.root.certificate]);
    expect(signatures).toHaveLength(2);
    expect(signatures[0]).toMatchObject({
      digestMatches: true,
      signatureValid: true,
      coversWholeFile: false,
    });
    expect(signatures[1]).toMatchObject({ valid: true, coversWholeFile: true });
  });

  it('answers a PDF without signatures with an empty list', async () => {
    expect(await verifyPdf(unsigned, [pki.root.certificate])).toEqual({
      signatures: [],
      summary: 'Tệp không có chữ ký số.',
    });
  });

  it('refuses what is not a PDF, a broken PDF and an oversized file with stable codes', async () => {
    const code = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (error: unknown) => (error instanceof AppError ? error.code : String(error)),
      );
    expect(await code(verifyPdf(Buffer.from('MZ\x90\x00 not a pdf'), []))).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(await code(verifyPdf(Buffer.from('%PDF-1.7\n\x00\x01garbage'), []))).toBe('FILE_CORRUPT');
    expect(await code(verifyPdf(signed, [], { maxBytes: 1000 }))).toBe('FILE_TOO_LARGE');
  });

  it.skipIf(!hasPdfsig)(
    `pdfsig (poppler-utils) reports the signature valid${hasPdfsig ? '' : ' — skipped: pdfsig not installed'}`,
    async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'motcua-pdfsig-'));
      try {
        const file = path.join(dir, 'signed.pdf');
        await writeFile(file, signed);
        const { stdout } = await run('pdfsig', ['-nocert', file]);
        expect(stdout).toContain('Signature Validation: Signature is Valid.');
        expect(stdout).toContain(`Signer Certificate Common Name: ${agencyName}`);
        expect(stdout).toContain('Signature Type: ETSI.CAdES.detached');
        expect(stdout).toContain('Total document signed');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
