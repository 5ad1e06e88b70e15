import { z } from 'zod'
import { AGE_BANDS, ETHNIC_GROUPS, INCIDENT_NATURES, REVIEW_TYPES, SEXES, THEMES } from './published-review.ts'

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .nullable()
  .transform((v) => v || null)

/** What a curator publishes or ingests. Validated with GOV.UK-style messages. */
export const publishInputSchema = z.object({
  /** Replace the review with this id (re-publication); a new id otherwise. */
  id: z.string().uuid().optional(),
  pseudonym: z.string().trim().min(1, 'Enter the pseudonym, for example Child M').max(60),
  year: z.number({ message: 'Enter the year of the review' }).int().min(1945, 'Enter a year from 1945').max(2100),
  area: optionalText,
  partnership: optionalText,
  region: optionalText,
  reviewType: z.enum(REVIEW_TYPES, { message: 'Select the type of review' }),
  natureOfIncident: z.enum(INCIDENT_NATURES).optional().nullable(),
  childAgeBand: z.enum(AGE_BANDS).optional().nullable(),
  sex: z.enum(SEXES).optional().nullable(),
  ethnicGroup: z.enum(ETHNIC_GROUPS).optional().nullable(),
  reviewModel: optionalText,
  themes: z
    .array(z.enum(THEMES, { message: 'Select themes from the list' }))
    .max(30)
    .default([]),
  agencies: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  keywords: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  summary: z.string().trim().min(1, 'Enter a summary of the case').max(5000),
  recommendations: z.array(z.string().trim().min(1).max(5000)).max(200).default([]),
  documents: z
    .array(
      z.object({
        title: z.string().trim().min(1, 'Enter a title for each document').max(200),
        /** HTML text (published as allow-listed HTML), or a PDF / DOCX / HTML file. */
        html: z.string().max(5_000_000).optional(),
        file: z
          .object({
            fileName: z.string().min(1).max(255),
            contentType: z.string().max(200).nullable().optional(),
            data: z.instanceof(Uint8Array),
          })
          .optional(),
      }),
    )
    .max(20)
    .default([]),
  publishedAt: z.string().datetime().optional(),
  keepUntil: z.string().datetime().optional(),
  /**
   * The curator's statement that every text given here is the anonymised, published version.
   * Nothing is stored or indexed without it.
   */
  confirmedAnonymised: z.literal(true, { message: 'Confirm that every document is the anonymised, published version' }),
})
export type PublishInput = z.input<typeof publishInputSchema>
