import { z } from 'zod'
import { formList, formText } from '../../../form.ts'

/** A key practice episode as the form sends it: name, notes, its entries and the version it was opened at. */
export const episodeSchema = z.object({
  episodeName: formText(1000),
  notes: formText(),
  entryIds: formList().transform((ids) => ids.slice(0, 5000)),
  version: formText(20),
})
