import type { DiagnosticItemId, DraftAttachment, TicketDraft } from '@deskside/shared';

import { renderScreenshot } from './redact';
import type { FormValues } from './report-form';
import type { ReviewChoices } from './review-step';

/** Renders what the user kept into the draft the main process checks, previews and submits. */
export async function buildDraft(
  id: string,
  form: FormValues,
  choices: ReviewChoices,
  diagnosticsRunId: string | null,
  locale: string,
  render: typeof renderScreenshot = renderScreenshot,
): Promise<TicketDraft> {
  const attachments: DraftAttachment[] = [];
  for (const s of choices.screenshots) {
    if (!s.include) continue;
    const { type, dataBase64 } = await render(s);
    const ext = type === 'image/jpeg' ? 'jpg' : 'png';
    attachments.push({ name: `screenshot-${s.shot.id}.${ext}`, type, role: 'screenshot', dataBase64 });
  }
  for (const f of choices.files) {
    if (f.include) attachments.push({ name: f.name, type: f.type, role: 'file', dataBase64: f.dataBase64 });
  }
  const keep: DiagnosticItemId[] = [...choices.keep];
  return {
    id,
    subject: form.subject.trim(),
    description: form.description,
    category: form.category,
    urgency: form.urgency,
    impact: form.impact,
    contact: form.contact,
    attachments,
    diagnostics: diagnosticsRunId === null ? null : { runId: diagnosticsRunId, keep },
    locale,
  };
}
