/**
 * The demo drafts as their writer would tidy them before publication: the "DRAFT v0.3 (not for
 * publication)" labels taken out of the headings and the confidential status and "do not circulate"
 * lines deleted. Tests that publish the demo case use it; the publication export refuses the drafts
 * as they are (see report.service.test.ts).
 */
export function withoutDraftingMarkers(markdown: string): string {
  return markdown
    .replace(/\s*[-–]\s*DRAFT(?:\s+v\d+(?:\.\d+)*)?\s*\(not for publication\)/g, '')
    .split('\n')
    .filter((line) => !/\bconfidential\b|\bdo not circulate\b/i.test(line))
    .join('\n')
}
