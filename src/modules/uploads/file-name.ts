/**
 * File names as people will see them: an uploaded file's name is shown on pages, in the audit
 * log and in downloads, so it is cleaned of anything that could disguise it.
 */

// C0 and C1 control characters, and the Unicode bidirectional controls (embeddings, overrides,
// isolates, marks) that can make "report‮fdp.exe" display as "reportexe.pdf".
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const HIDDEN_OR_CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g

/** Longest name kept (characters); longer names keep their end, where the extension is. */
export const MAX_FILE_NAME_CHARS = 200

/**
 * The name to show and store for an uploaded file: the last path component only (browsers on
 * some systems send a full path), without control or bidirectional characters, whitespace
 * collapsed, at most {@link MAX_FILE_NAME_CHARS} characters. Never throws; returns "file" when
 * nothing is left.
 */
export function cleanFileName(name: string): string {
  const lastComponent = name.split(/[\\/]/).pop() ?? ''
  const cleaned = lastComponent.normalize('NFC').replace(HIDDEN_OR_CONTROL, '').replace(/\s+/g, ' ').trim()
  const trimmed = cleaned.length > MAX_FILE_NAME_CHARS ? cleaned.slice(-MAX_FILE_NAME_CHARS) : cleaned
  return trimmed.replace(/^\.+/, '') || 'file'
}
