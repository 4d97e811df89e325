// Signs the sample decision twice, as PAdES B-B and B-T, with a throw-away local CA and TSA, into the given folder.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { httpTimestampClient } from '../src/documents/signing/http-timestamp-client.js';
import { signPdf } from '../src/documents/signing/sign-pdf.js';
import { localPki, samplePdf } from '../src/documents/signing/test-fixtures.js';
import { startTsaServer } from '../src/documents/signing/tsa-server.js';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: tsx scripts/sign-sample.ts FOLDER');
  process.exit(2);
}
await mkdir(folder, { recursive: true });
const [pki, pdf] = await Promise.all([localPki(), samplePdf()]);
const tsa = await startTsaServer({
  holder: pki.tsa,
  chain: [pki.root.certificate],
  policy: '1.3.6.1.4.1.99999.3161',
});
try {
  const options = { reason: 'Ký số kết quả giải quyết thủ tục hành chính', location: 'Cần Thơ' };
  await writeFile(path.join(folder, 'pades-b-b.pdf'), await signPdf(pdf, pki.agency, options));
  const timestamp = httpTimestampClient(tsa.url);
  await writeFile(
    path.join(folder, 'pades-b-t.pdf'),
    await signPdf(pdf, pki.agency, { ...options, timestamp }),
  );
  await writeFile(path.join(folder, 'root-ca.pem'), pki.root.certificate.toString('pem'));
} finally {
  await tsa.close();
}
