import type { MatrixArea } from './area.ts'

/** The email outbox: administrators only. */
export const area: MatrixArea = {
  rows: [
    { method: 'GET', url: '/admin/outbox', allowed: ['administrator'] },
    { method: 'POST', url: '/admin/outbox/send', allowed: ['administrator'] },
  ],
}
