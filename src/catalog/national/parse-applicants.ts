import type { ApplicantKind, ReviewItem } from './model.js';
import { reviewItem } from './review.js';
import { inline, isNoInformation } from './text.js';

const FIELD = 'doi_tuong_thuc_hien';

/** The portal's list of applicant kinds; longest first, since some hold commas and others' words. */
const KINDS: [string, ApplicantKind][] = (
  [
    ['Tổ chức (không bao gồm doanh nghiệp, HTX)', 'organisation'],
    ['Cán bộ, công chức, viên chức', 'public_servant'],
    ['Doanh nghiệp có vốn đầu tư nước ngoài', 'foreign_invested_enterprise'],
    ['Người Việt Nam định cư ở nước ngoài', 'overseas_vietnamese'],
    ['Người nước ngoài cư trú tại Việt Nam', 'foreign_resident'],
    ['Doanh nghiệp Việt Nam', 'vietnamese_enterprise'],
    ['Tổ chức nước ngoài', 'foreign_organisation'],
    ['Công dân Việt Nam', 'vietnamese_citizen'],
    ['Người nước ngoài', 'foreigner'],
    ['Doanh nghiệp', 'enterprise'],
    ['Hợp tác xã', 'cooperative'],
    ['Tổ chức Đảng', 'party_organisation'],
    ['Đảng viên', 'party_member'],
  ] as [string, ApplicantKind][]
).sort((a, b) => b[0].length - a[0].length);

export interface ParsedApplicants {
  applicants: { kinds: ApplicantKind[]; text: string };
  review: ReviewItem[];
}

/** "Công dân Việt Nam, Tổ chức (không bao gồm doanh nghiệp, HTX), …" → the kinds, in the portal's order. */
export function parseApplicants(rawField: string | undefined): ParsedApplicants {
  const text = inline(rawField);
  const review: ReviewItem[] = [];
  const kinds: ApplicantKind[] = [];
  if (!text || isNoInformation(text)) return { applicants: { kinds, text }, review };
  let rest = text;
  while (rest) {
    const known = KINDS.find(
      ([label]) => rest.startsWith(label) && /^(?:,\s*|$)/.test(rest.slice(label.length)),
    );
    if (known) {
      if (!kinds.includes(known[1])) kinds.push(known[1]);
      rest = rest.slice(known[0].length).replace(/^,\s*/, '');
      continue;
    }
    const unknown = /^[^,]*/.exec(rest)?.[0] ?? rest;
    review.push(reviewItem(FIELD, 'applicant_unknown', unknown.trim()));
    rest = rest.slice(unknown.length).replace(/^,\s*/, '');
  }
  return { applicants: { kinds, text }, review };
}
