/**
 * Lower-cases the first letter of a label or title so it reads inside a sentence ("Enter the date of
 * birth", "Write the overview report"), unless the first word is an acronym ("NHS number", "GP
 * practice"), which stays as written. The one rule for every message built from a label. Never throws.
 */
export function lowerFirst(text: string): string {
  const firstWord = text.split(/\s/)[0] ?? ''
  if (firstWord.length > 1 && firstWord === firstWord.toUpperCase() && /[A-Z]/.test(firstWord)) return text
  return text.charAt(0).toLowerCase() + text.slice(1)
}
