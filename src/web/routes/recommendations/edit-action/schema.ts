import { formText } from '../../../form.ts'
import { actionSchema } from '../new-action/schema.ts'

/** The action form when changing an action: its fields and the version it was opened at. */
export const editActionSchema = actionSchema.extend({ version: formText(20, { trim: false }) })
