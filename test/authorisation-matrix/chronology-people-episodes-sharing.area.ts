import type { MatrixArea } from './area.ts'

/**
 * People linked to chronology entries, corrections, key practice episodes and sharing (issue 5).
 *
 * `setup` makes a submitted police entry and a key practice episode from it. Who may do what:
 * - an entry page: readers of the review (coordinator, chair, lead reviewer member) and the police
 *   contributor (their own agency's entry); the panel member is not a member of the matrix review;
 * - changing an entry (its people, a correction): its agency's contributor, coordinators, lead reviewers;
 * - episodes: read by the review's readers, never agency contributors; made and changed with `report.write`;
 * - sharing with agencies: coordinators; linking people again: `report.write`.
 */
export const area: MatrixArea = {
  rows: [
    {
      method: 'GET',
      url: '/reviews/:id/chronology/entries/:chronologyEntryId',
      allowed: ['coordinator', 'chair', 'lead_reviewer', 'agency_contributor'],
    },
    {
      method: 'POST',
      url: '/reviews/:id/chronology/entries/:chronologyEntryId/people',
      allowed: ['coordinator', 'lead_reviewer', 'agency_contributor'],
    },
    {
      method: 'GET',
      url: '/reviews/:id/chronology/entries/:chronologyEntryId/correct',
      allowed: ['coordinator', 'lead_reviewer', 'agency_contributor'],
    },
    {
      method: 'POST',
      url: '/reviews/:id/chronology/entries/:chronologyEntryId/correct',
      allowed: ['coordinator', 'lead_reviewer', 'agency_contributor'],
    },
    { method: 'GET', url: '/reviews/:id/chronology/episodes', allowed: ['coordinator', 'chair', 'lead_reviewer'] },
    { method: 'POST', url: '/reviews/:id/chronology/episodes', allowed: ['coordinator', 'lead_reviewer'] },
    {
      method: 'GET',
      url: '/reviews/:id/chronology/episodes/:chronologyEpisodeId',
      allowed: ['coordinator', 'chair', 'lead_reviewer'],
    },
    {
      method: 'POST',
      url: '/reviews/:id/chronology/episodes/:chronologyEpisodeId',
      allowed: ['coordinator', 'lead_reviewer'],
    },
    { method: 'POST', url: '/reviews/:id/chronology/sharing', allowed: ['coordinator'] },
    { method: 'POST', url: '/reviews/:id/chronology/people/match', allowed: ['coordinator', 'lead_reviewer'] },
  ],
  async setup({ services, reviewId, coordinator, policeAgencyId }) {
    const entryInput = {
      agencyId: policeAgencyId,
      date: '4 October 2022',
      time: '',
      sourceRecord: 'MP/22/0001',
      practitionerRole: 'Police officer',
      peopleInvolved: 'Matrix Mother',
      event: 'Matrix police entry',
      actionTaken: '',
      outcome: '',
      significance: '',
    }
    const chronologyEntryId = await services.chronology.entries.saveEntry(coordinator, reviewId, entryInput)
    await services.chronology.entries.submitDrafts(coordinator, reviewId, policeAgencyId)
    const chronologyEpisodeId = await services.chronology.episodes.createEpisode(coordinator, reviewId, {
      name: 'Matrix episode',
      entryIds: [chronologyEntryId],
    })
    return { chronologyEntryId, chronologyEpisodeId }
  },
}
