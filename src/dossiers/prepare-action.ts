import type { Kysely } from 'kysely';
import type { Actor } from '../auth/roles.js';
import { agencyBrief } from '../catalog/agency-store.js';
import { procedureVersion } from '../catalog/procedure-store.js';
import type { Database } from '../db/schema.js';
import { imagesToPdf } from '../documents/images-to-pdf.js';
import type { PendingWrites } from '../documents/pending-writes.js';
import { storeProducedPdf } from '../documents/produced-file.js';
import { readStoredFile } from '../documents/read-file.js';
import { verificationUrl } from '../documents/services.js';
import { newVerificationCode, type SignedDocument, signDocument } from '../documents/sign-document.js';
import { invalid } from '../shared/errors.js';
import { foldForSearch } from '../shared/text.js';
import type { Prepared } from './decide.js';
import type { EventOf } from './events.js';
import { fileTotals, latestEventRow, latestFile } from './files-store.js';
import { resultNoticeForm, scanSealForm } from './forms/document-forms.js';
import { renderForm } from './forms/pdf-pool.js';
import type { DossierDeps } from './intake.js';
import type { ActionInput, Channel, FileRefValue, SubmittedDocument } from './model.js';
import { checkDossierLimits, resolveDocuments, resolveUploads } from './resolve-documents.js';
import { type DossierRow, eventOfRow } from './store.js';

type Input<A extends ActionInput['action']> = Extract<ActionInput, { action: A }>;

interface Situation {
  deps: DossierDeps;
  db: Kysely<Database>;
  actor: Actor;
  row: DossierRow;
  now: number;
  /** Rows of produced files, written with the event. */
  pending: PendingWrites;
}

/** The heading of the agency's documents, as the one-stop forms print it. */
async function agencyOf(db: Kysely<Database>, code: string) {
  const agency = await agencyBrief(db, code);
  const name = agency?.name ?? code;
  return { code, name, parentName: agency?.level === 'commune' ? name : 'Ủy ban nhân dân thành phố Cần Thơ' };
}

function signedFile(signed: SignedDocument) {
  return {
    file: signed.file,
    verificationCode: signed.verificationCode,
    signer: signed.signer,
    serialNumber: signed.serialNumber,
    timestamped: signed.timestamped,
  };
}

/**
 * Every document recorded at reception is scanned or exempt, named once (everything missing is listed in one go).
 * The counter scans what was handed in: completeness against the procedure's list is judged at reception, and a
 * published list also carries documents required only in some cases and rows that are notes, which no applicant
 * hands in. The officer's page offers the same documents (web/src/officer/ActionForm.tsx).
 */
async function checkCoverage(situation: Situation, names: string[]) {
  const procedure = await procedureVersion(situation.db, situation.row.procedure_version_id);
  const required = (situation.row.documents as unknown as SubmittedDocument[]).map((d) => d.name);
  const given = names.map(foldForSearch);
  const duplicate = names.find((name, i) => given.indexOf(foldForSearch(name)) !== i);
  if (duplicate)
    throw invalid([{ field: 'body.documents', message: `Giấy tờ "${duplicate}" được kê hai lần` }]);
  const missing = required.filter((name) => !given.includes(foldForSearch(name)));
  if (missing.length > 0)
    throw invalid(
      missing.map((name) => ({
        field: 'body.documents',
        message: `Chưa số hóa hoặc nêu lý do miễn: ${name}`,
      })),
      'Mỗi giấy tờ của hồ sơ phải được số hóa hoặc nêu lý do không số hóa.',
    );
  return procedure.content.name;
}

/** Counter digitisation: the scans in page order, the exemptions, and the scan set sealed by the receiving unit. */
async function sealScanSet(situation: Situation, input: Input<'digitise'>) {
  const { deps, db, actor, row, now } = situation;
  const procedureName = await checkCoverage(
    situation,
    input.documents.map((d) => d.name),
  );
  const documents = [];
  for (const d of input.documents) {
    const pages = await resolveUploads(db, actor, d.uploads, now);
    documents.push({
      name: d.name,
      status: d.exemption ? ('exempt' as const) : ('digitised' as const),
      exemption: d.exemption ?? null,
      reason: d.reason ?? null,
      pages,
    });
  }
  checkDossierLimits(
    deps.documents.limits,
    await fileTotals(db, row.id),
    documents.flatMap((d) => d.pages),
  );
  const agency = await agencyOf(db, row.receiving_agency);
  const verificationCode = newVerificationCode();
  const pdf = await renderForm(
    scanSealForm({
      dossierCode: row.code,
      agencyName: agency.name,
      parentName: agency.parentName,
      procedureName,
      officerName: actor.fullName,
      at: now,
      documents,
      verifyUrl: verificationUrl(deps.documents.publicUrl, verificationCode),
    }),
  );
  const seal = await signDocument(deps.documents, situation.pending, {
    pdf,
    agency,
    purpose: 'scan_seal',
    dossierCode: row.code,
    procedureName,
    fileName: `${row.code}-bien-ban-so-hoa.pdf`,
    reason: 'Xác nhận bản số hóa hồ sơ giấy tại Bộ phận Một cửa',
    location: agency.name,
    signedAt: new Date(now),
    stamp: false,
    verificationCode,
  });
  return { documents, seal: signedFile(seal) };
}

const SCAN_TYPES = ['image/jpeg', 'image/png'];

/** The result document: one PDF as it is, or the scanned pages of a paper result put into one PDF in order. */
async function attachResult(situation: Situation, input: Input<'attach_result'>) {
  const { deps, db, actor, row, now } = situation;
  const files = await resolveUploads(db, actor, input.uploads, now);
  let file: FileRefValue;
  const [only] = files;
  if (files.length === 1 && only?.mime === 'application/pdf') file = only;
  else if (files.every((f) => SCAN_TYPES.includes(f.mime))) {
    const pages = [];
    for (const f of files)
      pages.push({ bytes: await readStoredFile(deps.documents, f.sha256), mime: f.mime });
    file = await storeProducedPdf(
      deps.documents,
      situation.pending,
      await imagesToPdf(pages, input.title),
      `${input.title}.pdf`,
    );
  } else {
    throw invalid(
      [{ field: 'body.uploads', message: 'Kết quả là một tệp PDF, hoặc các trang quét dạng ảnh JPEG/PNG' }],
      'Kết quả để ký số phải là một tệp PDF hoặc các trang ảnh quét.',
    );
  }
  checkDossierLimits(deps.documents.limits, await fileTotals(db, row.id), [file]);
  return { file, kind: input.kind, title: input.title, validUntil: input.validUntil ?? null };
}

/**
 * Signs the result in the handling agency's name: the attached result document (stamped with the
 * verification QR code), or, when none was attached, a notice of the outcome that says it is not the result.
 */
async function signResult(situation: Situation) {
  const { deps, db, actor, row, now } = situation;
  const agency = await agencyOf(db, row.handling_agency);
  const procedureName = (await procedureVersion(db, row.procedure_version_id)).content.name;
  const attached = await latestFile(db, row.id, 'result');
  const attachRow = attached ? await latestEventRow(db, row.id, 'attach_result') : undefined;
  const attach = attachRow ? (eventOfRow(attachRow) as EventOf<'attach_result'>) : null;
  const verificationCode = newVerificationCode();
  const common = {
    agency,
    purpose: 'result' as const,
    dossierCode: row.code,
    procedureName,
    fileName: `${row.code}-ket-qua-ky-so.pdf`,
    reason: `Ký số kết quả giải quyết thủ tục hành chính (${actor.fullName})`,
    location: agency.name,
    signedAt: new Date(now),
    verificationCode,
  };
  if (attached && attach) {
    const pdf = await readStoredFile(deps.documents, attached.sha256);
    const signed = await signDocument(deps.documents, situation.pending, { ...common, pdf, stamp: true });
    return {
      ...signedFile(signed),
      kind: attach.payload.kind,
      title: attach.payload.title,
      validUntil: attach.payload.validUntil,
    };
  }
  const applicant = row.applicant as unknown as { fullName: string };
  const pdf = await renderForm(
    resultNoticeForm({
      dossierCode: row.code,
      agencyName: agency.name,
      parentName: agency.parentName,
      procedureName,
      applicantName: applicant.fullName,
      receivedAt: row.accepted_at?.getTime() ?? null,
      at: now,
      verifyUrl: verificationUrl(deps.documents.publicUrl, verificationCode),
    }),
  );
  const signed = await signDocument(deps.documents, situation.pending, { ...common, pdf, stamp: false });
  return {
    ...signedFile(signed),
    kind: 'notice' as const,
    title: 'Thông báo kết quả giải quyết hồ sơ',
    validUntil: null,
  };
}

const PREPARED: ReadonlySet<ActionInput['action']> = new Set([
  'submit_supplement',
  'digitise',
  'attach_result',
  'sign',
]);

/** Whether the action prepares files (and rows that name them) before its event is written. */
export function preparesFiles(action: ActionInput['action']): boolean {
  return PREPARED.has(action);
}

/**
 * What an action needs beyond its JSON before it can be decided: files resolved and checked against the
 * limits, a scan set sealed, a result assembled or signed. Runs after the policy and the action table have
 * admitted the action, so nothing is signed for an action that is refused, and outside any transaction: the
 * rows it produces go to `pending`, written in the event's transaction.
 */
export async function prepareAction(
  deps: DossierDeps,
  actor: Actor,
  row: DossierRow,
  input: ActionInput,
  pending: PendingWrites,
): Promise<Prepared | undefined> {
  const db = deps.db;
  const situation: Situation = { deps, db, actor, row, now: deps.now(), pending };
  switch (input.action) {
    case 'submit_supplement':
      return {
        documents: await resolveDocuments(
          db,
          deps.documents.limits,
          actor,
          { documents: input.documents, reuseConsent: input.reuseConsent, channel: row.channel as Channel },
          await fileTotals(db, row.id),
          situation.now,
        ),
      };
    case 'digitise':
      return { digitised: await sealScanSet(situation, input) };
    case 'attach_result':
      return { result: await attachResult(situation, input) };
    case 'sign':
      return { signed: await signResult(situation) };
    default:
      return undefined;
  }
}
