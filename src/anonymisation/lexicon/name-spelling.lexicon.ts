/**
 * Spelling variants of English given names that no list can hold, as a rule: names that sound the
 * same and differ only in the usual English spellings of an ending or a sound ("Kayleigh",
 * "Kayley", "Kaylee"; "Evie", "Evy", "Evey"; "Stephen", "Stefen"; "Ashleigh", "Ashley").
 * Pure; never throws.
 */

/**
 * A comparison key under which spelling variants of one name coincide: lower case, letters only,
 * "ph" read as "f", a final -leigh/-ley/-lee/-lie/-ly/-li read as one ending, a final -ie/-ey/-ee/-y/-i
 * read as one ending, doubled letters written once. Two names of four or more letters with the same
 * key are probably the same name spelt differently.
 */
export function spellingKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/ph/g, 'f')
    .replace(/(?:leigh|ley|lee|lie|ly|li)$/, 'L#')
    .replace(/(?:ie|ey|ee|y|i)$/, '#')
    .replace(/([a-z])\1+/g, '$1')
}
