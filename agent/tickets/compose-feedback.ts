import { FeedbackSubmissionSchema, LIMITS, type FeedbackSubmission } from '@deskside/shared';

import type { FeedbackDraft } from '../agent-types.js';
import { TicketValidationError } from './compose-ticket.js';


/** Checks the user's answer and gives it the shape the server takes; the text is trimmed, an empty comment dropped. */
export function composeFeedback(draft: FeedbackDraft, id: string, now: Date): FeedbackSubmission {
  const createdAt = now.toISOString();
  switch (draft.kind) {
    case 'confirm':
      return { id, kind: 'confirm', createdAt };
    case 'still-broken': {
      const body = draft.body.trim();
      if (body === '') throw new TicketValidationError('Say what still does not work');
      if (body.length > LIMITS.longText) throw new TicketValidationError(`The text is ${body.length} characters; the limit is ${LIMITS.longText}`);
      return { id, kind: 'still-broken', body, createdAt };
    }
    case 'rating': {
      if (!Number.isInteger(draft.rating) || draft.rating < 1 || draft.rating > 5) throw new TicketValidationError('The rating is a whole number from 1 to 5');
      const body = draft.body?.trim() ?? '';
      if (body.length > LIMITS.mediumText) throw new TicketValidationError(`The comment is ${body.length} characters; the limit is ${LIMITS.mediumText}`);
      return FeedbackSubmissionSchema.parse({ id, kind: 'rating', rating: draft.rating, body: body === '' ? null : body, createdAt });
    }
  }
}

export function feedbackLabel(f: FeedbackSubmission, ticketId: string): string {
  switch (f.kind) {
    case 'confirm':
      return `"fixed" on ticket ${ticketId}`;
    case 'still-broken':
      return `"still broken" on ticket ${ticketId}`;
    case 'rating':
      return `rating of ticket ${ticketId}`;
  }
}
