import { SUBJECT_NAMES_VI, SUBJECTS, type Subject } from '../model.js';

/**
 * The GeoReport v2 services we offer: one per feedback subject. Both take two optional attributes that
 * help classify the feedback (the procedure concerned and the dossier), so `metadata` is true and the
 * service definition lists them.
 */
export const SERVICE_DESCRIPTIONS: Record<Subject, string> = {
  regulation:
    'Phản ánh về quy định hành chính không hợp pháp, không hợp lý, không đồng bộ, gây khó khăn; kiến nghị sửa đổi (Nghị định 20/2008/NĐ-CP).',
  service:
    'Phản ánh, kiến nghị về việc tiếp nhận, giải quyết thủ tục hành chính tại Bộ phận Một cửa và cơ quan giải quyết.',
};

export function serviceList() {
  return SUBJECTS.map((subject) => ({
    service_code: subject,
    service_name: SUBJECT_NAMES_VI[subject],
    description: SERVICE_DESCRIPTIONS[subject],
    metadata: true,
    type: 'realtime',
    keywords: subject === 'regulation' ? 'quy định, thủ tục hành chính' : 'một cửa, giải quyết hồ sơ',
    group: 'Phản ánh, kiến nghị',
  }));
}

export const SERVICE_ATTRIBUTES = [
  {
    variable: true,
    code: 'procedure_code',
    datatype: 'string',
    required: false,
    datatype_description: 'Mã thủ tục hành chính, ví dụ 1.001193',
    order: 1,
    description: 'Thủ tục hành chính liên quan',
  },
  {
    variable: true,
    code: 'dossier_code',
    datatype: 'string',
    required: false,
    datatype_description: 'Mã hồ sơ, ví dụ 000.00.01.H13-261122-0012',
    order: 2,
    description: 'Hồ sơ liên quan',
  },
] as const;

export function serviceDefinition(subject: Subject) {
  return {
    service_code: subject,
    attributes: SERVICE_ATTRIBUTES.map((a) => ({ ...a })),
  };
}

export function isServiceCode(code: string): code is Subject {
  return (SUBJECTS as readonly string[]).includes(code);
}
