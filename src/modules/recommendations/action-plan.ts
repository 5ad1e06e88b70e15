/**
 * Findings, recommendations and action plans: the vocabularies and the pure rules (no database).
 * Section 4, step 10 of the domain reference: each recommendation becomes actions with an owner, a due
 * date, a status and evidence of impact; overdue actions escalate.
 */
import { compareIsoDates, type IsoDate } from '../clocks/plain-date.ts'
import { lowerFirst } from '../text.ts'

/**
 * What an action can be, in order. "Completed – awaiting evidence" keeps apart the work being done
 * and the board being satisfied that it made a difference: only evidence of impact closes an action.
 */
export const ACTION_STATUSES = ['not_started', 'in_progress', 'awaiting_evidence', 'closed'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]

/** Plain-English names of the statuses. */
export const ACTION_STATUS_NAMES: Readonly<Record<ActionStatus, string>> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  awaiting_evidence: 'Completed – awaiting evidence',
  closed: 'Closed',
}

/** GOV.UK tag colours of the statuses. */
export const ACTION_STATUS_TAGS: Readonly<Record<ActionStatus, string>> = {
  not_started: 'govuk-tag--grey',
  in_progress: 'govuk-tag--blue',
  awaiting_evidence: 'govuk-tag--yellow',
  closed: 'govuk-tag--green',
}

/** True when `value` is one of {@link ACTION_STATUSES}. */
export function isActionStatus(value: unknown): value is ActionStatus {
  return typeof value === 'string' && (ACTION_STATUSES as readonly string[]).includes(value)
}

/**
 * The overdue rule: an action is overdue when its due date has passed (today is after it) and it is not
 * closed. An action due today is not yet overdue. Dates are calendar dates in England.
 */
export function isOverdue(action: { dueDate: IsoDate; status: ActionStatus }, today: IsoDate): boolean {
  return action.status !== 'closed' && compareIsoDates(action.dueDate, today) < 0
}

/**
 * A recommendation as the one paragraph a published report prints: "The Marlshire Safeguarding Children
 * Partnership should seek assurance that …. Success will be shown by …. Timescale: within 6 months."
 * Contract: never throws; a missing full stop is added; empty parts are left out.
 */
export function recommendationSentence(recommendation: {
  addressedTo: string
  action: string
  measureOfSuccess: string
  timescale: string
}): string {
  const sentence = (text: string) => {
    const trimmed = text.trim().replace(/\s+/g, ' ')
    if (!trimmed) return ''
    return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`
  }
  const parts = [
    sentence(`${recommendation.addressedTo.trim()} should ${lowerFirst(recommendation.action.trim())}`),
    recommendation.measureOfSuccess.trim()
      ? sentence(`Success will be shown by ${lowerFirst(recommendation.measureOfSuccess.trim())}`)
      : '',
    recommendation.timescale.trim() ? sentence(`Timescale: ${recommendation.timescale.trim()}`) : '',
  ]
  return parts.filter(Boolean).join(' ')
}

/** Largest evidence file accepted. */
export const EVIDENCE_FILE_LIMIT_BYTES = 10 * 1024 * 1024

/** Evidence file types, each with the bytes every real file of the type starts with (null: text, checked as UTF-8). */
const EVIDENCE_FILE_TYPES: ReadonlyArray<{
  name: string
  extensions: string[]
  contentType: string
  magic: number[] | null
}> = [
  { name: 'PDF', extensions: ['pdf'], contentType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46] },
  {
    name: 'Word document',
    extensions: ['docx'],
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: [0x50, 0x4b, 0x03, 0x04],
  },
  { name: 'text file', extensions: ['txt'], contentType: 'text/plain; charset=utf-8', magic: null },
  {
    name: 'PNG image',
    extensions: ['png'],
    contentType: 'image/png',
    magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  },
  { name: 'JPEG image', extensions: ['jpg', 'jpeg'], contentType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
]

/**
 * Check an evidence file by its name's extension and its first bytes (what the browser says the type is
 * is not trusted). Returns the content type to store and serve, or the message to show.
 * Contract: never throws.
 */
export function checkEvidenceFile(file: {
  fileName: string
  data: Uint8Array
}): { ok: true; contentType: string; fileName: string } | { ok: false; message: string } {
  const extension = file.fileName.toLowerCase().split('.').pop() ?? ''
  const type = EVIDENCE_FILE_TYPES.find((t) => t.extensions.includes(extension))
  if (!type)
    return { ok: false, message: 'The selected file must be a PDF, Word document (DOCX), text file, PNG or JPEG' }
  if (file.data.byteLength === 0) return { ok: false, message: 'The selected file is empty' }
  if (file.data.byteLength > EVIDENCE_FILE_LIMIT_BYTES) {
    return { ok: false, message: 'The selected file must be smaller than 10 MB' }
  }
  const real = type.magic ? type.magic.every((byte, i) => file.data[i] === byte) : isUtf8Text(file.data)
  if (!real) return { ok: false, message: `The selected file is not a real ${type.name}` }
  // Keep a safe name: no path, no characters a Content-Disposition header or a file system would trip on.
  const fileName = file.fileName
    .replace(/^.*[\\/]/, '')
    .replace(/[^\w .()-]+/g, '_')
    .slice(-150)
  return { ok: true, contentType: type.contentType, fileName }
}

/** Text evidence must be UTF-8 without NUL bytes (a binary file renamed `.txt` is refused). */
function isUtf8Text(data: Uint8Array): boolean {
  if (data.includes(0)) return false
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data)
    return true
  } catch {
    return false
  }
}
