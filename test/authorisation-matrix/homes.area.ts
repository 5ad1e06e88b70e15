import type { MatrixArea } from './area.ts'

/** A review's reminder emails: the coordinators who chase agencies, nobody else. */
export const area: MatrixArea = {
  rows: [{ method: 'GET', url: '/reviews/:id/reminders', allowed: ['coordinator'] }],
}
