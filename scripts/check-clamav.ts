/**
 * Talks to a real clamd (started by scripts/check-clamav.sh) through the project's scanner adapter: the EICAR
 * test file is reported infected, a clean PDF clean; and the start-up probe says whether clamd has official
 * definitions (a clamd with only local test signatures is not offered to the app, whose files then stay
 * honestly "not scanned").
 */
import { clamdScanner, probeClamd } from '../src/documents/scanning/clamd-scanner.js';
import { samplePdf } from '../src/documents/signing/test-fixtures.js';

const socket = process.argv[2];
if (!socket) throw new Error('usage: check-clamav.ts <clamd socket>');
const address = { socket };
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

let failed = 0;
const check = (ok: boolean, line: string) => {
  console.log(`${ok ? 'OK' : 'FAIL'}: ${line}`);
  if (!ok) failed++;
};

const official = await probeClamd(address);
console.log(
  official
    ? `clamd has official definitions: ${official}`
    : 'clamd has no official definitions (only local test signatures): the app would mark files "not scanned"',
);
const scanner = clamdScanner(address, official ?? 'ClamAV (local test signatures)', 10_000);
const infected = await scanner.scan(new TextEncoder().encode(EICAR));
check(infected.status === 'infected', `EICAR test file: ${JSON.stringify(infected)}`);
const inPdf = await scanner.scan(Buffer.concat([await samplePdf(), Buffer.from(`\n%${EICAR}\n`)]));
check(inPdf.status === 'infected', `EICAR appended to a PDF: ${JSON.stringify(inPdf)}`);
const clean = await scanner.scan(await samplePdf());
check(clean.status === 'clean', `a clean PDF: ${JSON.stringify(clean)}`);
process.exit(failed === 0 ? 0 : 1);
