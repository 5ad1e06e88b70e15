/** English month names, January first (index 0). Shared by the date recognizers, operators and leak checks. */
export const MONTH_NAMES: readonly string[] = Object.freeze([
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
])

/**
 * Month numbers (1–12) by lower-case English name and usual abbreviation ("jan", "sept", "september"):
 * the one table dates are read with. Built from MONTH_NAMES so the two cannot disagree.
 */
export const MONTH_NUMBERS: ReadonlyMap<string, number> = new Map([
  ...MONTH_NAMES.flatMap((name, index): Array<[string, number]> => [
    [name.toLowerCase(), index + 1],
    [name.slice(0, 3).toLowerCase(), index + 1],
  ]),
  ['sept', 9],
])
