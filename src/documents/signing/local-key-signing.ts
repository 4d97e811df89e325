import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';
import { type KeyMaterial, readPemBundle, readPkcs12 } from './key-files.js';
import type { SigningAgency, SigningPort } from './signing-port.js';

export interface LocalKeySettings {
  /** One file per agency: `<code>.pem` (key and certificates) or `<code>.p12` (PKCS#12). */
  dir: string;
  p12Password?: string;
  /** Demo mode only: makes a key and certificate for an agency that has none yet. */
  issueMissing?: (agency: SigningAgency) => Promise<void>;
}

function keyMissing(agency: SigningAgency): AppError {
  return new AppError(
    'SIGNING_KEY_MISSING',
    `${agency.name} chưa có chứng thư số để ký văn bản điện tử trên hệ thống; liên hệ quản trị hệ thống.`,
  );
}

const readOrNull = (file: string) => readFile(file).catch(() => null);

/**
 * Agencies' keys in files on this server (PEM bundle or PKCS#12), read at each signature so that a renewed
 * certificate takes effect without a restart. Agency codes are `0-9 A-Z .` only (Decision 20/2020/QĐ-TTg), so
 * a code cannot name a file outside the folder.
 */
export function localKeySigning(settings: LocalKeySettings): SigningPort {
  async function load(agency: SigningAgency): Promise<KeyMaterial | null> {
    if (!/^[0-9A-Z.]{1,35}$/.test(agency.code) || agency.code.includes('..')) return null;
    const pem = await readOrNull(path.join(settings.dir, `${agency.code}.pem`));
    if (pem) return readPemBundle(pem.toString('utf8'));
    const p12 = await readOrNull(path.join(settings.dir, `${agency.code}.p12`));
    if (p12) return readPkcs12(p12, settings.p12Password ?? '');
    return null;
  }
  return {
    description: `khóa ký số tại máy chủ (${settings.dir})`,
    async signerFor(agency) {
      let material = await load(agency);
      if (!material && settings.issueMissing) {
        await settings.issueMissing(agency);
        material = await load(agency);
      }
      if (!material) throw keyMissing(agency);
      return material;
    },
  };
}
