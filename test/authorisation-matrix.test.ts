import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { ROLES, type Role } from '../src/modules/access/permissions.ts'
import { DEMO_USERS } from '../src/db/seed/demo-seed.ts'
import { testDatabases } from './support/databases.ts'
import { FormClient, signIn, startTestApp, type TestApp } from './support/app.ts'
import type { Actor } from '../src/modules/access/actor.ts'
import type { MatrixArea, MatrixRow, Who } from './authorisation-matrix/area.ts'
import { area as agencyReports } from './authorisation-matrix/agency-reports.area.ts'
import { area as anonymisationReview } from './authorisation-matrix/anonymisation-review.area.ts'
import { area as chronologyPeopleEpisodesSharing } from './authorisation-matrix/chronology-people-episodes-sharing.area.ts'
import { area as chronologyImports } from './authorisation-matrix/chronology-imports.area.ts'
import { area as outbox } from './authorisation-matrix/outbox.area.ts'
import { area as partnershipSwitching } from './authorisation-matrix/partnerships.area.ts'
import { area as homes } from './authorisation-matrix/homes.area.ts'
import { area as publication } from './authorisation-matrix/publication.area.ts'
import { area as recommendations } from './authorisation-matrix/recommendations.area.ts'
import { area as reports } from './authorisation-matrix/reports.area.ts'
import { area as repositoryExtra } from './authorisation-matrix/repository-extra.area.ts'
import { area as childrenAtRisk } from './authorisation-matrix/children-at-risk.area.ts'
import { area as dissemination } from './authorisation-matrix/dissemination.area.ts'
import { area as panel } from './authorisation-matrix/panel.area.ts'
import { area as impact } from './authorisation-matrix/impact.area.ts'
import { createSubmittedReview } from './support/reviews.ts'

/**
 * The authorisation matrix: every route × every role, allowed or refused. A new route must be
 * added here (the last test fails otherwise), which forces a decision about who may use it.
 */
const EVERYONE: Who[] = ['anonymous', ...ROLES]
const SIGNED_IN: Who[] = [...ROLES]
const ADMIN: Who[] = ['administrator']
const COORDINATOR: Who[] = ['coordinator']
/** The national roles (ADR 0038): the inspector (read only), the Panel's members and its secretariat. */
const NATIONAL: Who[] = ['national_viewer', 'national_panel_member', 'panel_secretariat']
/** Reviews: the partnership's coordinator and chair, members of the review, and the national Panel for submitted notifications. */
const REVIEW_READERS: Who[] = ['coordinator', 'chair', 'lead_reviewer', ...NATIONAL]

/** What a form answers when the matrix's harmless body is not a valid form: shown again with errors, or a stale edit. */
const FORM_PROBLEMS = [400, 409, 413, 415, 422]

/** `:id` in a URL is a review (under /reviews) or a user of the demo partnership; rows run in this order. */
const CORE_ROWS: MatrixRow[] = [
  { method: 'GET', url: '/', allowed: EVERYONE },
  { method: 'GET', url: '/health', allowed: EVERYONE },
  { method: 'GET', url: '/cookies', allowed: EVERYONE },
  { method: 'GET', url: '/accessibility', allowed: EVERYONE },
  { method: 'GET', url: '/sign-in', allowed: EVERYONE },
  { method: 'POST', url: '/sign-in', allowed: EVERYONE },
  { method: 'GET', url: '/signed-out', allowed: EVERYONE },
  // A token that does not exist answers 410 ("this link has expired"): the page works.
  { method: 'GET', url: '/invitation/:token', allowed: EVERYONE, alsoWorking: [410] },
  { method: 'POST', url: '/invitation/:token', allowed: EVERYONE },
  // Second-factor pages are only for someone between the password and the code.
  { method: 'GET', url: '/sign-in/code', allowed: [] },
  { method: 'POST', url: '/sign-in/code', allowed: [] },
  { method: 'GET', url: '/sign-in/set-up-authenticator', allowed: [] },
  { method: 'POST', url: '/sign-in/set-up-authenticator', allowed: [] },
  { method: 'GET', url: '/dashboard', allowed: SIGNED_IN },
  { method: 'GET', url: '/admin/users', allowed: ADMIN },
  { method: 'GET', url: '/admin/users/invite', allowed: ADMIN },
  { method: 'POST', url: '/admin/users/invite', allowed: ADMIN },
  { method: 'GET', url: '/admin/users/:id', allowed: ADMIN },
  { method: 'POST', url: '/admin/users/:id/role', allowed: ADMIN },
  { method: 'POST', url: '/admin/users/:id/partner', allowed: ADMIN },
  { method: 'POST', url: '/admin/users/:id/password-link', allowed: ADMIN },
  { method: 'POST', url: '/admin/users/:id/reset-second-factor', allowed: ADMIN },
  { method: 'POST', url: '/admin/users/:id/deactivate', allowed: ADMIN },
  { method: 'POST', url: '/admin/users/:id/reactivate', allowed: ADMIN },
  { method: 'GET', url: '/admin/audit', allowed: ADMIN },
  { method: 'GET', url: '/admin/audit.csv', allowed: ADMIN },
  {
    method: 'GET',
    url: '/reviews',
    allowed: ['coordinator', 'chair', 'lead_reviewer', 'panel_member', 'agency_contributor', ...NATIONAL],
  },
  { method: 'GET', url: '/reviews/new', allowed: COORDINATOR },
  { method: 'GET', url: '/reviews/time-and-quality', allowed: ['coordinator', 'chair'] },
  { method: 'GET', url: '/reviews/time-and-quality.csv', allowed: ['coordinator', 'chair'] },
  { method: 'POST', url: '/reviews/new', allowed: COORDINATOR },
  // The summary page: readers of the review, and the contributor whose agency is asked (a request is made in before()).
  { method: 'GET', url: '/reviews/:id', allowed: [...REVIEW_READERS, 'agency_contributor'] },
  { method: 'GET', url: '/reviews/:id/notification', allowed: COORDINATOR },
  { method: 'POST', url: '/reviews/:id/notification', allowed: COORDINATOR },
  { method: 'GET', url: '/reviews/:id/rapid-review', allowed: COORDINATOR },
  { method: 'POST', url: '/reviews/:id/rapid-review', allowed: COORDINATOR },
  { method: 'POST', url: '/reviews/:id/rapid-review/file', allowed: COORDINATOR },
  {
    method: 'GET',
    url: '/reviews/:id/files/:fileId',
    allowed: ['coordinator', 'chair', 'lead_reviewer'],
  },
  { method: 'GET', url: '/reviews/:id/decision', allowed: ['chair'] },
  { method: 'POST', url: '/reviews/:id/decision', allowed: ['chair'] },
  { method: 'GET', url: '/reviews/:id/commissioning', allowed: COORDINATOR },
  { method: 'POST', url: '/reviews/:id/commissioning', allowed: COORDINATOR },
  { method: 'POST', url: '/reviews/:id/stage', allowed: COORDINATOR },
  { method: 'POST', url: '/reviews/:id/extension', allowed: COORDINATOR },
  { method: 'POST', url: '/reviews/:id/members', allowed: COORDINATOR },
  { method: 'POST', url: '/reviews/:id/links', allowed: COORDINATOR },
  { method: 'GET', url: '/reviews/:id/people', allowed: ['coordinator', 'chair', 'lead_reviewer'] },
  { method: 'POST', url: '/reviews/:id/people', allowed: COORDINATOR },
  { method: 'POST', url: '/reviews/:id/places', allowed: COORDINATOR },
  { method: 'POST', url: '/reviews/:id/people/import', allowed: COORDINATOR },
  { method: 'POST', url: '/reviews/:id/people/:itemId/remove', allowed: COORDINATOR },
  { method: 'POST', url: '/reviews/:id/places/:itemId/remove', allowed: COORDINATOR },
  { method: 'GET', url: '/reviews/:id/anonymise', allowed: ['coordinator', 'chair', 'lead_reviewer'] },
  { method: 'POST', url: '/reviews/:id/anonymise', allowed: ['coordinator', 'chair', 'lead_reviewer'] },
  { method: 'GET', url: '/reviews/:id/documents', allowed: ['coordinator', 'chair', 'lead_reviewer'] },
  { method: 'POST', url: '/reviews/:id/documents', allowed: ['coordinator', 'chair', 'lead_reviewer'] },
  { method: 'GET', url: '/reviews/:id/documents/:docId', allowed: ['coordinator', 'chair', 'lead_reviewer'] },
  { method: 'POST', url: '/reviews/:id/documents/:docId/text', allowed: ['coordinator', 'chair', 'lead_reviewer'] },
  {
    method: 'POST',
    url: '/reviews/:id/documents/:docId/decisions',
    allowed: ['coordinator', 'chair', 'lead_reviewer'],
  },
  {
    method: 'POST',
    url: '/reviews/:id/documents/:docId/decisions/remove',
    allowed: ['coordinator', 'chair', 'lead_reviewer'],
  },
  { method: 'POST', url: '/reviews/:id/documents/:docId/mark', allowed: ['coordinator', 'chair', 'lead_reviewer'] },
  { method: 'GET', url: '/admin/clocks', allowed: ADMIN },
  { method: 'POST', url: '/admin/clocks', allowed: ADMIN },
  { method: 'GET', url: '/repository', allowed: EVERYONE },
  { method: 'GET', url: '/repository/reviews/:id', allowed: EVERYONE },
  { method: 'GET', url: '/repository/reviews/:id/documents/:docId', allowed: EVERYONE },
  { method: 'GET', url: '/repository/statistics', allowed: EVERYONE },
  { method: 'GET', url: '/repository/statistics.csv', allowed: EVERYONE },
  { method: 'GET', url: '/repository/themes/:theme', allowed: EVERYONE },
  { method: 'GET', url: '/repository/catalogue.csv', allowed: EVERYONE },
  { method: 'GET', url: '/repository/catalogue.json', allowed: EVERYONE },
  { method: 'GET', url: '/repository/feed.atom', allowed: EVERYONE },
  { method: 'GET', url: '/api/reviews', allowed: EVERYONE },
  { method: 'GET', url: '/api/reviews/:id', allowed: EVERYONE },
  { method: 'GET', url: '/api/openapi.json', allowed: EVERYONE },
  { method: 'GET', url: '/api', allowed: EVERYONE },
  { method: 'GET', url: '/repository/ingest', allowed: ['coordinator', 'administrator'] },
  { method: 'POST', url: '/repository/ingest', allowed: ['coordinator', 'administrator'] },
  { method: 'POST', url: '/repository/ingest/confirm', allowed: ['coordinator', 'administrator'] },
  // Chronology: readers of the review and the agency asked (a request to Marlshire Police is made in before()).
  {
    method: 'GET',
    url: '/reviews/:id/chronology',
    allowed: ['coordinator', 'chair', 'lead_reviewer', 'agency_contributor'],
  },
  {
    method: 'GET',
    url: '/reviews/:id/chronology.csv',
    allowed: ['coordinator', 'chair', 'lead_reviewer', 'agency_contributor'],
  },
  {
    method: 'GET',
    url: '/reviews/:id/chronology.xlsx',
    allowed: ['coordinator', 'chair', 'lead_reviewer', 'agency_contributor'],
  },
  {
    method: 'GET',
    url: '/reviews/:id/chronology.docx',
    allowed: ['coordinator', 'chair', 'lead_reviewer', 'agency_contributor'],
  },
  { method: 'POST', url: '/reviews/:id/chronology/links', allowed: ['coordinator', 'lead_reviewer'] },
  { method: 'POST', url: '/reviews/:id/chronology/submit', allowed: ['coordinator', 'agency_contributor'] },
  {
    method: 'GET',
    url: '/reviews/:id/chronology/requests',
    allowed: ['coordinator', 'chair', 'lead_reviewer', 'agency_contributor'],
  },
  { method: 'POST', url: '/reviews/:id/chronology/requests', allowed: COORDINATOR },
  { method: 'GET', url: '/reviews/:id/chronology/import', allowed: ['coordinator', 'agency_contributor'] },
  { method: 'POST', url: '/reviews/:id/chronology/import', allowed: ['coordinator', 'agency_contributor'] },
  { method: 'POST', url: '/reviews/:id/chronology/import/check', allowed: ['coordinator', 'agency_contributor'] },
  { method: 'GET', url: '/reviews/:id/chronology/entries/new', allowed: ['coordinator', 'agency_contributor'] },
  { method: 'POST', url: '/reviews/:id/chronology/entries/new', allowed: ['coordinator', 'agency_contributor'] },
  { method: 'GET', url: '/chronology-template.csv', allowed: EVERYONE },
  { method: 'GET', url: '/chronology-template.xlsx', allowed: EVERYONE },
]

/** Later slices keep their rows beside them (`test/authorisation-matrix/*.area.ts`). */
const AREAS: MatrixArea[] = [
  chronologyPeopleEpisodesSharing,
  chronologyImports,
  agencyReports,
  reports,
  recommendations,
  publication,
  outbox,
  repositoryExtra,
  anonymisationReview,
  homes,
  childrenAtRisk,
  dissemination,
  partnershipSwitching,
  panel,
  impact,
]
const MATRIX: Array<MatrixRow & { area?: MatrixArea }> = [
  ...CORE_ROWS,
  ...AREAS.flatMap((area) => area.rows.map((row) => ({ ...row, area }))),
  // Last: it ends the sessions used above.
  { method: 'POST', url: '/sign-out', allowed: EVERYONE },
]
// The same matrix on every database (SQLite always, PostgreSQL when TEST_DATABASE_URL is set).
for (const database of testDatabases()) {
  describe(`authorisation matrix on ${database.name}`, () => {
    /** Each area's placeholder values, filled in before(). */
    const areaPlaceholders = new Map<MatrixArea, Record<string, string>>()

    let testApp: TestApp
    const clients = new Map<Who, FormClient>()
    let targetUserId = ''
    let reviewId = ''
    let personId = ''
    let fileId = ''
    let documentId = ''
    let placeId = ''

    before(async () => {
      testApp = await startTestApp(await database.open())
      clients.set('anonymous', new FormClient(testApp.app))
      for (const role of ROLES) {
        const demo = DEMO_USERS.find((u) => u.role === role)!
        clients.set(role, (await signIn(testApp, demo.email)).client)
      }
      // The target of user actions: a user of the demo partnership who is not one of the clients above.
      const { users, partnerships } = testApp.services.repositories
      const partnership = (await partnerships.findByName('Marlshire Safeguarding Children Partnership'))!
      const target = await users.create(
        { email: 'target@marlshire.example', displayName: 'Target User', passwordHash: null },
        new Date(),
      )
      await users.addMembership(
        { userId: target.id, partnershipId: partnership.id, role: 'panel_member', agencyId: null },
        new Date(),
      )
      targetUserId = target.id

      // A submitted notification the lead reviewer is a member of (the panel member is not).
      const coordinator = (await users.findByEmail('coordinator@marlshire.example'))!
      const coordinatorActor: Actor = {
        userId: coordinator.id,
        email: coordinator.email,
        displayName: coordinator.displayName,
        role: 'coordinator' as const,
        partnershipId: partnership.id,
        agencyId: null,
        ip: null,
        userAgent: null,
      }
      reviewId = await createSubmittedReview(testApp, coordinatorActor, {
        incidentDate: '2026-11-02',
        awareDate: '2026-11-03',
        panelNotifiedDate: '2026-11-05',
        outline: 'Outline for the authorisation matrix.',
        pseudonym: 'Child Q',
        child: { name: 'Matrix Child', dateOfBirth: '2025-01-01' },
      })
      const reviewer = (await users.findByEmail('reviewer@marlshire.example'))!
      await testApp.services.reviews.addMember(coordinatorActor, reviewId, reviewer.id, 'lead_reviewer')
      // The police agency is asked for its chronology, so its contributor may read and submit in this review.
      const police = (await partnerships.listAgencies(partnership.id)).find((a) => a.name === 'Marlshire Police')!
      await testApp.services.database.db
        .insertInto('agency_request')
        .values({
          id: 'matrix-request',
          review_id: reviewId,
          agency_id: police.id,
          kind: 'chronology',
          due_date: '2099-01-31',
          status: 'requested',
          requested_by: coordinator.id,
          created_at: new Date().toISOString(),
          submitted_at: null,
        })
        .execute()
      await testApp.services.caseKnowledge.importFiles(
        coordinatorActor,
        reviewId,
        JSON.stringify([{ role: 'mother', full_name: 'Matrix Mother' }]),
        JSON.stringify([{ name: 'Matrixtown', kind: 'town' }]),
      )
      personId = (await testApp.services.database.db.selectFrom('case_person').select('id').executeTakeFirstOrThrow())
        .id
      await testApp.services.reviews.requestAgencySummary(
        coordinatorActor,
        reviewId,
        1,
        'Marlshire Police',
        '2026-11-10',
      )
      await testApp.services.reviews.attachAgencySummaryFile(
        coordinatorActor,
        reviewId,
        2,
        'Marlshire Police',
        '2026-11-09',
        {
          fileName: 'summary.txt',
          contentType: 'text/plain',
          data: new TextEncoder().encode('Police summary'),
        },
      )
      fileId = (await testApp.services.database.db.selectFrom('review_file').select('id').executeTakeFirstOrThrow()).id
      placeId = (await testApp.services.database.db.selectFrom('case_place').select('id').executeTakeFirstOrThrow()).id
      documentId = await testApp.services.caseKnowledge.createDocument(
        coordinatorActor,
        reviewId,
        'Matrix document',
        'Matrix Mother went out.',
      )
      const actorFor = async (email: string, role: Role): Promise<Actor> => {
        const user = (await users.findByEmail(email))!
        return { ...coordinatorActor, userId: user.id, email: user.email, displayName: user.displayName, role }
      }
      const context = {
        services: testApp.services,
        reviewId,
        coordinator: coordinatorActor,
        chair: await actorFor('chair@marlshire.example', 'chair'),
        leadReviewer: await actorFor('reviewer@marlshire.example', 'lead_reviewer'),
        policeAgencyId: police.id,
      }
      for (const area of AREAS) areaPlaceholders.set(area, (await area.setup?.(context)) ?? {})
    })
    after(() => testApp.close())

    /** A published review and its document (for `/repository/...` and `/api/...` URLs), published once on first use. */
    let published: { id: string; docId: string } | null = null
    async function publishedUrl(url: string): Promise<string> {
      if (!url.startsWith('/repository/') && !url.startsWith('/api/')) return url
      if (!published) {
        const coordinator = (await testApp.services.repositories.users.findByEmail('coordinator@marlshire.example'))!
        const review = await testApp.services.publishedReviews.publish(
          {
            userId: coordinator.id,
            email: coordinator.email,
            displayName: coordinator.displayName,
            role: 'coordinator',
            partnershipId: null,
            agencyId: null,
            ip: null,
            userAgent: null,
          },
          {
            pseudonym: 'Child P',
            year: 2024,
            reviewType: 'lcspr',
            summary: 'Matrix summary.',
            documents: [{ title: 'Report', html: '<p>Text</p>' }],
            confirmedAnonymised: true,
          },
        )
        published = { id: review.id, docId: review.documents[0].id }
      }
      return url.replace(':id', published.id).replace(':docId', published.docId).replace(':theme', 'neglect')
    }

    for (const row of MATRIX) {
      test(`${row.method} ${row.url}`, async () => {
        for (const who of EVERYONE) {
          const client = clients.get(who)!
          let areaUrl = row.url
          for (const [name, value] of Object.entries(row.area ? areaPlaceholders.get(row.area)! : {})) {
            areaUrl = areaUrl.replaceAll(`:${name}`, value)
          }
          const url = (await publishedUrl(areaUrl))
            .replace(':id', row.url.startsWith('/reviews/') ? reviewId : targetUserId)
            .replace(':fileId', fileId)
            .replace(':docId', documentId)
            .replace(':itemId', row.url.includes('/places/') ? placeId : personId)
            .replace(':token', 'not-a-real-invitation')
          let response
          if (row.method === 'GET') {
            response = await client.get(url)
          } else {
            await client.get(who === 'anonymous' ? '/sign-in' : '/dashboard')
            // Harmless bodies: an invalid form must still pass or fail the access check first.
            response = await client.post(url, { role: 'panel_member' })
          }
          // A review outside the user's scope is "not found": that is a refusal too.
          const refused =
            response.statusCode === 403 ||
            response.statusCode === 404 ||
            response.statusCode === 401 ||
            (response.statusCode === 303 && response.headers.location === '/sign-in')
          const expectedAllowed = row.allowed.includes(who)
          assert.equal(!refused, expectedAllowed, `${who}: ${row.method} ${url} answered ${response.statusCode}`)
          if (expectedAllowed) {
            // Allowed means it worked: a page, a file or a redirect, or (for a POST with the matrix's harmless
            // body) the form shown again with its errors. Anything else is a broken route, not a decision.
            const ok =
              response.statusCode < 400 ||
              (row.method === 'POST' && FORM_PROBLEMS.includes(response.statusCode)) ||
              (row.alsoWorking ?? []).includes(response.statusCode)
            assert.ok(ok, `${who}: ${row.method} ${url} is allowed but answered ${response.statusCode}`)
          }
        }
      })
    }

    test('every route is in the matrix', () => {
      const inMatrix = new Set(MATRIX.map((r) => `${r.method} ${r.url}`))
      const missing = testApp.app.registeredRoutes.map((r) => `${r.method} ${r.url}`).filter((r) => !inMatrix.has(r))
      assert.deepEqual(missing, [])
    })
  })
}
