/** A feedback item as the API sends it to officers (the submitter's view is a subset). */
export interface FeedbackItem {
  code: string;
  subject: 'regulation' | 'service';
  title: string;
  channel: string;
  status: string;
  statusName: string;
  receivedAt: string;
  handlingAgency: string | null;
  dueAt: string | null;
  dueKind: string | null;
  progressDueAt: string | null;
  progressOwed: boolean;
  urgency: 'overdue' | 'due_soon' | 'on_track' | 'waiting';
}

export interface FeedbackEventLine {
  seq: number;
  action: string;
  at: string;
  actorRole: string | null;
  toStatus: string;
  note: string | null;
  onTime: boolean | null;
}

/** A file attached to a feedback item, fetched by its number. */
export interface FeedbackAttachment {
  n: number;
  name: string;
  mime: string;
  bytes: number;
  pages: number | null;
  at: string;
}

export interface FeedbackDetail extends FeedbackItem {
  content: string;
  attachments: FeedbackAttachment[];
  answer: string | null;
  publishedAt: string | null;
  answerRating: string | null;
  version: number;
  events: FeedbackEventLine[];
  actions: string[];
  /** The sender's view only: whether another file may be added now. */
  canAttach?: boolean;
}

export interface OfficerFeedback extends FeedbackDetail {
  submitter: { name?: string; phone?: string; email?: string; address?: string } | null;
  anonymous: boolean;
  publicTitle: string | null;
  publicQuestion: string | null;
  publicAnswer: string | null;
}
