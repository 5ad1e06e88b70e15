import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { signIn, startTestApp, type FormClient, type TestApp } from '../../../../test/support/app.ts'
import { testDatabases } from '../../../../test/support/databases.ts'
import { sharedDataPath } from '../../../shared-data.ts'
import type { Actor } from '../../../modules/access/actor.ts'
import type { Role } from '../../../modules/access/permissions.ts'
import { createSubmittedReview } from '../../../../test/support/reviews.ts'

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]

/** Upload a draft to the import form as `client`, with the CSRF token of its last page. */
async function upload(
  t: TestApp,
  client: FormClient,
  url: string,
  version: string,
  file: { name: string; text: string },
) {
  const boundary = '----reportTestBoundary'
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrfOf(client.lastHtml)}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="version"\r\n\r\n${version}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/markdown\r\n\r\n`,
    ),
    Buffer.from(file.text),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  const response = await t.app.inject({
    method: 'POST',
    url,
    payload,
    headers: {
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
  })
  if (String(response.headers['content-type'] ?? '').startsWith('text/html')) client.lastHtml = response.body
  return response
}

/** A submitted review with the lead reviewer as a member, and one submitted police chronology entry. */
async function setUp(t: TestApp) {
  const { users, partnerships } = t.services.repositories
  const partnership = (await partnerships.findByName('Marlshire Safeguarding Children Partnership'))!
  const actor = async (email: string, role: Role): Promise<Actor> => {
    const u = (await users.findByEmail(email))!
    return {
      userId: u.id,
      email,
      displayName: u.displayName,
      role,
      partnershipId: partnership.id,
      agencyId: null,
      ip: null,
      userAgent: null,
    }
  }
  const coordinator = await actor('coordinator@marlshire.example', 'coordinator')
  const reviewer = await actor('reviewer@marlshire.example', 'lead_reviewer')
  const reviewId = await createSubmittedReview(t, coordinator, {
    panelNotifiedDate: '2024-03-21',
    outline: 'Report pages test',
    pseudonym: 'Child M',
    child: { name: 'Demo Child' },
  })
  await t.services.reviews.addMember(coordinator, reviewId, reviewer.userId, 'lead_reviewer')
  const police = (await partnerships.listAgencies(partnership.id)).find((a) => a.name === 'Marlshire Police')!
  const entryId = await t.services.chronology.entries.saveEntry(coordinator, reviewId, {
    agencyId: police.id,
    date: '07/12/2023',
    time: '',
    sourceRecord: 'MP/23/1',
    practitionerRole: 'Police officer',
    peopleInvolved: 'Child M',
    event: 'Domestic incident reported',
    actionTaken: 'Notification sent',
    outcome: '',
    significance: 'High',
  })
  await t.services.chronology.entries.submitDrafts(coordinator, reviewId, police.id)
  const episodeId = await t.services.chronology.episodes.createEpisode(coordinator, reviewId, {
    name: 'Who was in the household?',
    entryIds: [entryId],
  })
  return { reviewId, entryId, episodeId }
}

for (const database of testDatabases()) {
  describe(`report pages on ${database.name}`, () => {
    test('write a section: preview shows script as text, save makes a version, a stale save shows both texts', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { reviewId } = await setUp(t)
        const { client: reviewer } = await signIn(t, 'reviewer@marlshire.example')
        const { client: coordinator } = await signIn(t, 'coordinator@marlshire.example')
        const url = `/reviews/${reviewId}/report/overview-report/sections/introduction`

        const overview = await reviewer.get(`/reviews/${reviewId}/report`)
        assert.equal(overview.statusCode, 200)
        assert.match(overview.body, /Not started/)
        assert.equal((await reviewer.get(`/reviews/${reviewId}/report/nonsense`)).statusCode, 404)
        assert.equal(
          (await reviewer.get(`/reviews/${reviewId}/report/overview-report/sections/nonsense`)).statusCode,
          404,
        )

        const page = await reviewer.get(url)
        assert.equal(page.statusCode, 200)
        assert.match(page.body, /name="version" value="0"/)
        const typed = 'First <script>alert(1)</script> paragraph.\n\nSecond paragraph.'
        const preview = await reviewer.post(url, { action: 'preview', version: '0', text: typed })
        assert.equal(preview.statusCode, 200)
        assert.match(preview.body, /<span class="app-paragraph-number">1\.2<\/span> Second paragraph\./)
        assert.match(preview.body, /First &lt;script&gt;alert\(1\)&lt;\/script&gt; paragraph/)
        assert.doesNotMatch(preview.body, /<script>alert/)
        // The typed text is still in the box.
        assert.match(
          preview.body,
          /First &lt;script&gt;alert\(1\)&lt;\/script&gt; paragraph\.\n\nSecond paragraph\.<\/textarea>/,
        )

        // The coordinator opens the section too, before the reviewer saves.
        await coordinator.get(url)
        const saved = await reviewer.post(url, { action: 'save', version: '0', text: typed })
        assert.equal(saved.statusCode, 303)
        assert.equal(saved.headers.location, `${url}?saved=1`)
        const document = await reviewer.get(`/reviews/${reviewId}/report/overview-report`)
        assert.match(document.body, /Version 1, saved by/)
        assert.match(document.body, /<span class="app-paragraph-number">1\.1<\/span> First &lt;script&gt;/)

        const stale = await coordinator.post(url, {
          action: 'save',
          version: '0',
          text: 'The coordinator’s own words.',
        })
        assert.equal(stale.statusCode, 409)
        assert.match(stale.body, /saved this section after you opened it/)
        assert.match(stale.body, /id="yours">The coordinator’s own words\.<\/div>/)
        assert.match(stale.body, /id="current">First &lt;script&gt;alert\(1\)&lt;\/script&gt; paragraph\.<br \/>/)
        assert.match(stale.body, /name="version" value="1"/)
        // Saving the merged text on top of version 1 works.
        const merged = await coordinator.post(url, {
          action: 'save',
          version: '1',
          text: `${typed}\n\nThe coordinator’s own words.`,
        })
        assert.equal(merged.statusCode, 303)

        const long = 'a'.repeat(200_001)
        const tooLong = await reviewer.post(url, { action: 'save', version: '2', text: long })
        assert.equal(tooLong.statusCode, 400)
        assert.match(tooLong.body, /The section must be 200,000 characters or fewer/)
        assert.ok(tooLong.body.includes(`>${long}</textarea>`))

        const bad = await reviewer.post(url, { action: 'save', version: 'x', text: 'Keep me' })
        assert.equal(bad.statusCode, 400)
        assert.match(bad.body, /This page is out of date/)
        assert.match(bad.body, />Keep me<\/textarea>/)
      } finally {
        await t.close()
      }
    })

    test('insert a chronology reference from the picker without JavaScript; it shows as a link', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { reviewId, entryId, episodeId } = await setUp(t)
        const { client } = await signIn(t, 'reviewer@marlshire.example')
        const url = `/reviews/${reviewId}/report/overview-report/sections/key_events`
        await client.get(url)
        const picker = await client.post(url, { action: 'reference', version: '0', text: 'Police attended.' })
        assert.equal(picker.statusCode, 200)
        assert.match(picker.body, /7 December 2023, Marlshire Police/)
        assert.match(picker.body, /Key practice episode: Who was in the household\?/)
        assert.match(picker.body, /name="text" value="Police attended\."/)
        const none = await client.post(url, { action: 'insert', version: '0', text: 'Police attended.' })
        assert.equal(none.statusCode, 400)
        assert.match(none.body, /Select the chronology entry or key practice episode to refer to/)
        const inserted = await client.post(url, {
          action: 'insert',
          version: '0',
          text: 'Police attended.',
          reference: `entry:${entryId}`,
        })
        assert.equal(inserted.statusCode, 200)
        assert.match(inserted.body, new RegExp(`>Police attended\\. \\[\\[entry:${entryId}\\]\\]</textarea>`))
        assert.equal(
          (
            await client.post(url, {
              action: 'save',
              version: '0',
              text: `Police attended. [[entry:${entryId}]]\n\nSee [[episode:${episodeId}]].`,
            })
          ).statusCode,
          303,
        )
        const document = await client.get(`/reviews/${reviewId}/report/overview-report`)
        assert.match(
          document.body,
          /<a class="govuk-link app-report-reference" href="\/reviews\/[^"]+\/chronology\?from=2023-12-07&amp;to=2023-12-07#entries">7 December 2023, Marlshire Police<\/a>/,
        )
        assert.ok(
          document.body.includes(
            `<a class="govuk-link app-report-reference" href="/reviews/${reviewId}/chronology/episodes/${episodeId}">Who was in the household?</a>`,
          ),
        )
      } finally {
        await t.close()
      }
    })

    test('comments by readers, resolved by writers, refused to others; versions, compare, import and exports', async () => {
      const t = await startTestApp(await database.open())
      try {
        const { reviewId } = await setUp(t)
        const { client: reviewer } = await signIn(t, 'reviewer@marlshire.example')
        const { client: chair } = await signIn(t, 'chair@marlshire.example')
        const { client: panel } = await signIn(t, 'panel@marlshire.example')
        const base = `/reviews/${reviewId}/report/executive-summary`
        const url = `${base}/sections/events`

        // Writing is refused to a chair (403) and to a panel member who is not in the review.
        await chair.get(url)
        assert.equal((await chair.post(url, { action: 'save', version: '0', text: 'x' })).statusCode, 403)
        await panel.get('/dashboard')
        assert.equal((await panel.post(url, { action: 'save', version: '0', text: 'x' })).statusCode, 403)
        assert.equal((await panel.get(url)).statusCode, 404)
        assert.equal((await panel.post(`${url}/comments`, { comment: 'Hello' })).statusCode, 404)

        const empty = await chair.post(`${url}/comments`, { comment: '  ' })
        assert.equal(empty.statusCode, 400)
        assert.match(empty.body, /Enter your comment/)
        assert.equal((await chair.post(`${url}/comments`, { comment: 'Say <b>why</b>.' })).statusCode, 303)
        const withComment = await reviewer.get(url)
        assert.match(withComment.body, /Say &lt;b&gt;why&lt;\/b&gt;\./)
        const commentId = /action="[^"]+\/comments\/([0-9a-f-]{36})\/resolve"/.exec(withComment.body)![1]
        await chair.get(url)
        assert.equal((await chair.post(`${base}/comments/${commentId}/resolve`, {})).statusCode, 403)
        const resolved = await reviewer.post(`${base}/comments/${commentId}/resolve`, {})
        assert.equal(resolved.statusCode, 303)
        const after = await reviewer.get(url)
        assert.match(after.body, /Resolved by/)
        assert.match(after.body, /Say &lt;b&gt;why&lt;\/b&gt;\./)

        // Import the demo executive summary, change a section, compare the two versions.
        const importPage = await reviewer.get(`${base}/import`)
        assert.equal(importPage.statusCode, 200)
        const wrong = await upload(t, reviewer, `${base}/import`, '0', { name: 'summary.pdf', text: '%PDF' })
        assert.equal(wrong.statusCode, 400)
        assert.match(wrong.body, /The file must be a Word document \(\.docx\) or Markdown \(\.md\)/)
        const imported = await upload(t, reviewer, `${base}/import`, '0', {
          name: 'executive-summary-draft.md',
          text: readFileSync(sharedDataPath('demo-case', 'executive-summary-draft.md'), 'utf8'),
        })
        assert.equal(imported.statusCode, 303)
        const document = await reviewer.get(`${base}?saved=imported`)
        assert.match(document.body, /Draft imported as a new version/)
        assert.match(document.body, /5\. Summary of events/)
        await reviewer.get(url)
        const current = /<textarea[^>]*name="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(reviewer.lastHtml)![1]
        assert.match(current, /^Maisie&#39;s mother/)
        assert.equal(
          (await reviewer.post(url, { action: 'save', version: '1', text: 'A short anonymised précis.' })).statusCode,
          303,
        )
        const versions = await reviewer.get(`${base}/versions`)
        assert.match(versions.body, /Imported from executive-summary-draft\.md/)
        assert.match(versions.body, /Changed 5\. Summary of events/)
        const compare = await reviewer.get(`${base}/compare?from=1&to=2`)
        assert.equal(compare.statusCode, 200)
        assert.match(compare.body, /1 section changed/)
        assert.match(
          compare.body,
          /<ins><span class="govuk-visually-hidden">\[start of added text\] <\/span>[^<]*précis/,
        )
        assert.match(compare.body, /<del><span class="govuk-visually-hidden">\[start of removed text\] <\/span>/)
        const same = await reviewer.get(`${base}/compare?from=2&to=2`)
        assert.equal(same.statusCode, 400)
        assert.match(same.body, /Select two different versions/)

        const docx = await chair.get(`${base}/export/docx`)
        assert.equal(docx.statusCode, 200)
        assert.match(String(docx.headers['content-type']), /wordprocessingml/)
        assert.match(
          String(docx.headers['content-disposition']),
          /attachment; filename="executive-summary-draft-version-2\.docx"/,
        )
        const publication = await chair.get(`${base}/export/pdf?purpose=publication`)
        assert.equal(publication.statusCode, 400)
        assert.match(publication.body, /The executive summary has not been sent for anonymisation/)
        assert.equal((await chair.get(`${base}/export/odt`)).statusCode, 404)

        // Sending for anonymisation goes to the document page; the chair may not send.
        await chair.get(base)
        assert.equal((await chair.post(`${base}/anonymisation`, {})).statusCode, 403)
        await reviewer.get(base)
        const sent = await reviewer.post(`${base}/anonymisation`, {})
        assert.equal(sent.statusCode, 303)
        assert.match(String(sent.headers.location), new RegExp(`^/reviews/${reviewId}/documents/[0-9a-f-]{36}$`))
        const state = await reviewer.get(base)
        assert.match(state.body, /has not been marked anonymised yet/)
        assert.match(state.body, /Check the anonymisation/)
      } finally {
        await t.close()
      }
    })
  })
}
