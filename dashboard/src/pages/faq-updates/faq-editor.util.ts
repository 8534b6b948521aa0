import {
  type FaqUpdateStatus,
  faqUpdateTransitions,
} from '../../../../server/src/contracts/faq-update-status.contract.js';
import type { FaqUpdateDto } from '../../../../server/src/contracts/faq-updates.contract.js';

export const STATUS_LABELS: Readonly<Record<FaqUpdateStatus, string>> = {
  draft: 'Draft',
  in_review: 'In review',
  published: 'Published',
  retired: 'Retired',
};

const MOVE_LABELS: Readonly<Record<string, string>> = {
  'draft>in_review': 'Submit for review',
  'in_review>draft': 'Return to draft',
  'in_review>published': 'Publish',
  'published>retired': 'Retire',
};

/** The status buttons an update offers: the server's allowed moves, each with its label. */
export function movesFrom(status: FaqUpdateStatus): { to: FaqUpdateStatus; label: string }[] {
  return faqUpdateTransitions[status].map((to) => ({ to, label: MOVE_LABELS[`${status}>${to}`] ?? to }));
}

/** Ticket ids typed one per line or separated by commas, spaces or semicolons; blanks and repeats dropped. */
export function parseTicketIds(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter((id) => id !== ''))];
}

/** What the editor holds; evidence as typed. */
export interface FaqForm {
  title: string;
  owner: string;
  guidanceMarkdown: string;
  evidence: string;
  /** YYYY-MM-DD or '' for none. */
  publishedAt: string;
}

export function formOf(update: FaqUpdateDto): FaqForm {
  return {
    title: update.title,
    owner: update.owner,
    guidanceMarkdown: update.guidanceMarkdown,
    evidence: update.evidenceTicketIds.join('\n'),
    publishedAt: update.publishedAt ?? '',
  };
}

/** The fields of a PATCH body that differ from the update as read (trimmed as the server keeps them). */
export function changesOf(update: FaqUpdateDto, form: FaqForm): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (form.title.trim() !== update.title) {
    changes.title = form.title.trim();
  }
  if (form.owner.trim() !== update.owner) {
    changes.owner = form.owner.trim();
  }
  if (form.guidanceMarkdown !== update.guidanceMarkdown) {
    changes.guidanceMarkdown = form.guidanceMarkdown;
  }
  const ids = parseTicketIds(form.evidence);
  if (ids.join('\n') !== update.evidenceTicketIds.join('\n')) {
    changes.evidenceTicketIds = ids;
  }
  const publishedAt = form.publishedAt === '' ? null : form.publishedAt;
  if (publishedAt !== update.publishedAt) {
    changes.publishedAt = publishedAt;
  }
  return changes;
}

const ACTION_LABELS: Readonly<Record<string, string>> = {
  'faq-update.create': 'created it',
  'faq-update.edit': 'edited',
  'faq-update.submit': 'submitted it for review',
  'faq-update.return-to-draft': 'returned it to draft',
  'faq-update.publish': 'published it',
  'faq-update.retire': 'retired it',
};

/** An audit action as the history reads: 'faq-update.publish' → 'published it'. */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** Whether a user may write FAQ updates (the server's rule: lead or admin); unknown (null) may try. */
export function canWriteFaq(roles: readonly string[] | null | undefined): boolean {
  return !roles || roles.includes('lead') || roles.includes('admin');
}
