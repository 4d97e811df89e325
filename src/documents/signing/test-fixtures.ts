import { renderFormInThisThread as renderForm } from '../../dossiers/forms/render.js';
import type { Signer } from './cades-signature.js';
import { createRootAuthority, issueCertificate, type KeyHolder } from './local-ca.js';

/** A one-page decision rendered by the project's own pdfmake renderer. */
export function samplePdf(): Promise<Buffer> {
  return renderForm({
    formNumber: 'Mẫu số 02',
    agencyName: 'Ủy ban nhân dân phường Ninh Kiều',
    parentName: 'UBND thành phố Cần Thơ',
    documentNumber: '15/QĐ-UBND',
    place: 'Ninh Kiều',
    date: 'ngày 02 tháng 01 năm 2026',
    title: 'Quyết định cấp giấy phép',
    body: ['Cấp giấy phép cho ông Nguyễn Văn Ánh, thường trú tại phường Ninh Kiều, thành phố Cần Thơ.'],
    signatures: { right: { title: 'CHỦ TỊCH', name: 'Trần Thị Hồng Nhung' } },
  });
}

export const agencyName = 'Ủy ban nhân dân phường Ninh Kiều';

export interface Pki {
  root: KeyHolder;
  agency: Signer;
  tsa: KeyHolder;
}

/** A local CA with one agency signing certificate and one time-stamping certificate. */
export async function localPki(rootName = 'CA thử nghiệm motcua'): Promise<Pki> {
  const root = await createRootAuthority({ commonName: rootName, organization: 'UBND thành phố Cần Thơ' });
  const agency = await issueCertificate(
    root,
    { commonName: agencyName, organization: 'UBND thành phố Cần Thơ', province: 'Cần Thơ' },
    'documentSigning',
  );
  const tsa = await issueCertificate(
    root,
    { commonName: 'Máy chủ cấp dấu thời gian thử nghiệm' },
    'timestamping',
  );
  return { root, agency: { ...agency, chain: [root.certificate] }, tsa };
}
