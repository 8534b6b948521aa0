// Zod-free, so the dashboard can import these values without bundling the schemas.

/** Where an FAQ update stands: written, being reviewed, in force, withdrawn. */
export const faqUpdateStatuses = ['draft', 'in_review', 'published', 'retired'] as const;

export type FaqUpdateStatus = (typeof faqUpdateStatuses)[number];

/**
 * The moves each status may make: a draft goes to review; review sends it back to draft or
 * publishes it; a published update can only be retired; a retired one is final.
 */
export const faqUpdateTransitions: Readonly<Record<FaqUpdateStatus, readonly FaqUpdateStatus[]>> = {
  draft: ['in_review'],
  in_review: ['draft', 'published'],
  published: ['retired'],
  retired: [],
};

/** The statuses a publication date belongs to: the update was in force from that day. */
export const publishedStatuses: readonly FaqUpdateStatus[] = ['published', 'retired'];

/** Whether an FAQ update may move from one status to another. */
export function canMoveFaqUpdate(from: FaqUpdateStatus, to: FaqUpdateStatus): boolean {
  return faqUpdateTransitions[from].includes(to);
}
