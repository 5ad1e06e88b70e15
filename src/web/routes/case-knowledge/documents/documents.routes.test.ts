import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { signIn, startTestApp, type TestApp } from '../../../../../test/support/app.ts'
import { testDatabases } from '../../../../../test/support/databases.ts'

/** The page's words as a reader sees them: tags and the hover explanations left out. */
function readable(html: string): string {
  return html
    .replace(/<span class="app-replacement__tip"[^>]*>[^<]*<\/span>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
}

const BODY = [
  '# Overview',
  '',
  'Kerys Example shopped at the Riverside Bakery on 14 March 2024.',
  '',
  '## Family',
  '',
  'Kerys Example told the reviewer that **Kerys Example** was <script>alert(1)</script> worried.',
  '',
  'Kerys Example rang 07700 900123 twice.',
].join('\n')

async function reviewWithoutPeople(t: TestApp): Promise<string> {
  const row = await t.services.database.db
    .selectFrom('review')
    .select('id')
    .where('pseudonym', '=', 'Baby P')
    .executeTakeFirstOrThrow()
  return row.id
}

async function documentWithMother(t: TestApp) {
  // the coordinator: the lead reviewer is not a member of this demo review (the browser test has them on Child M's)
  const coordinator = await signIn(t, 'coordinator@marlshire.example')
  const id = await reviewWithoutPeople(t)
  await coordinator.client.get(`/reviews/${id}/people`)
  await coordinator.client.post(`/reviews/${id}/people`, {
    role: 'mother',
    full_name: 'Kerys Example',
    expected_pseudonym: 'Mother',
  })
  await coordinator.client.get(`/reviews/${id}/documents`)
  const created = await coordinator.client.post(`/reviews/${id}/documents`, { title: 'Overview report', body: BODY })
  assert.equal(created.statusCode, 303)
  return { id, docPath: String(created.headers.location), client: coordinator.client }
}

const reveals = (t: TestApp) =>
  t.services.database.db
    .selectFrom('audit_event')
    .select('action')
    .where('action', '=', 'review.reveal_original')
    .execute()

for (const database of testDatabases()) {
  describe(`document anonymisation review on ${database.name}`, () => {
    test('the text is rendered by section, every replacement highlighted and explained, no original words unless revealed (audited)', async () => {
      const t = await startTestApp(await database.open(), { seedDemoReviews: true })
      try {
        const { docPath, client } = await documentWithMother(t)
        // Reaching the document (the review's pages) records reveals of its own; count from here.
        const before = (await reveals(t)).length
        const page = await client.get(docPath)
        assert.equal(page.statusCode, 200)
        // rendered Markdown, by section: the first section only, its heading as the page's h2
        assert.match(page.body, /<h2 class="govuk-heading-m">Overview<\/h2>/)
        assert.match(readable(page.body), /The mother shopped at the Riverside Bakery in March 2024\./)
        assert.doesNotMatch(readable(page.body), /told the reviewer/)
        // each replacement a focusable highlighted mark with its explanation, and the list below
        assert.match(
          page.body,
          /<mark class="app-replacement[^"]*" id="m-1"><a class="app-replacement__link" href="#r-1"/,
        )
        assert.match(page.body, /id="r-1-about">[\s\S]*?Replaces a person’s name \(Mother\)\. Found by cast-name/)
        assert.match(page.body, /Score 0\.\d\d/)
        assert.doesNotMatch(page.body, /Kerys|07700/)
        assert.equal((await reveals(t)).length, before, 'reading without revealing records no reveal')

        const second = await client.get(`${docPath}?section=2`)
        assert.match(second.body, /<h2 class="govuk-heading-m">Family<\/h2>/)
        // raw HTML is text; Markdown emphasis is rendered around the mark
        assert.match(second.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
        assert.match(second.body, /<strong><mark class="app-replacement/)
        assert.match(readable(second.body), /The mother rang \[phone number\] twice/)
        assert.doesNotMatch(second.body, /Kerys|07700/)

        const shown = await client.get(`${docPath}?section=2&reveal=yes`)
        assert.match(shown.body, /original: “Kerys Example”/)
        assert.match(shown.body, /original: “07700 900123”/)
        assert.equal((await reveals(t)).length, before + 1)
      } finally {
        await t.close()
      }
    })

    test('keep, change or unmask a replacement by choosing it; mask missed words by choosing the first and last word', async () => {
      const t = await startTestApp(await database.open(), { seedDemoReviews: true })
      try {
        const { docPath, client } = await documentWithMother(t)
        await client.get(docPath)
        const version = () => /name="version" value="(\d+)"/.exec(client.lastHtml)![1]

        // replacement 1: "The mother" — the decision page explains it without the original
        const decisionPage = await client.get(`${docPath}/replacements/1`)
        assert.equal(decisionPage.statusCode, 200)
        assert.match(decisionPage.body, /Replacement 1: “The mother”/)
        assert.match(decisionPage.body, /a person’s name \(Mother\)/)
        assert.doesNotMatch(decisionPage.body, /Kerys/)
        const none = await client.post(`${docPath}/replacements/1`, { version: version() })
        assert.equal(none.statusCode, 400)
        assert.match(none.body, /Select what to do with this replacement/)
        const blank = await client.post(`${docPath}/replacements/1`, {
          version: version(),
          choice: 'change',
          replacement: ' ',
        })
        assert.match(blank.body, /Enter what to publish instead/)
        const kept = await client.post(`${docPath}/replacements/1`, { version: version(), choice: 'keep' })
        assert.equal(kept.statusCode, 303)
        assert.match(String(kept.headers.location), /section=1#para-2$/)
        let page = await client.get(docPath)
        assert.match(page.body, /app-replacement--kept/)
        assert.match(readable(page.body), /Keep the replacement “The mother” \(a person’s name \(Mother\)\)/)
        // a decision is about the words: every "Kerys Example" is kept
        assert.match(readable(page.body), /4 of 6 replacements checked/)

        // the phone number (replacement 6, section 2): publish other words
        await client.get(`${docPath}/replacements/6`)
        const changed = await client.post(`${docPath}/replacements/6`, {
          version: version(),
          choice: 'change',
          replacement: 'a mobile number',
        })
        assert.equal(changed.statusCode, 303)
        page = await client.get(`${docPath}?section=2`)
        assert.match(readable(page.body), /The mother rang a mobile number twice/)

        // a missed phrase: "Riverside Bakery", chosen by its first and last word
        const mask = await client.get(`${docPath}/mask?paragraph=2`)
        assert.equal(mask.statusCode, 200)
        const option = (word: string) =>
          new RegExp(`<option value="(\\d+)"[^>]*>\\d+\\. ${word}</option>`).exec(mask.body)![1]
        const from = option('Riverside')
        const to = option('Bakery')
        assert.doesNotMatch(mask.body, /Kerys/)
        // words selected in the page's text (sent by the script as `phrase`) arrive chosen
        const selected = await client.get(
          `${docPath}/mask?paragraph=2&phrase=${encodeURIComponent('Riverside Bakery')}`,
        )
        assert.match(selected.body, new RegExp(`<option value="${from}" selected>\\d+\\. Riverside</option>`))
        assert.match(selected.body, new RegExp(`<option value="${to}" selected>\\d+\\. Bakery</option>`))
        const backwards = await client.post(`${docPath}/mask`, {
          version: version(),
          paragraph: '2',
          from: to,
          to: from,
          replacement: 'a shop',
        })
        assert.equal(backwards.statusCode, 400)
        assert.match(backwards.body, /The last word must be the first word or come after it/)
        // what was typed is kept
        assert.match(backwards.body, /value="a shop"/)
        const masked = await client.post(`${docPath}/mask`, {
          version: version(),
          paragraph: '2',
          from,
          to,
          replacement: 'a shop',
        })
        assert.equal(masked.statusCode, 303)
        page = await client.get(docPath)
        assert.match(readable(page.body), /The mother shopped at the shop in March 2024/)
        assert.match(page.body, /Masked by a reviewer/)

        // leave the original words: the leak gate then finds the name, grouped once with its paragraphs
        await client.get(`${docPath}/replacements/1`)
        const unmask = await client.post(`${docPath}/replacements/1`, { version: version(), choice: 'original' })
        assert.equal(unmask.statusCode, 303)
        page = await client.get(docPath)
        assert.match(page.body, /The leak gate still finds 4 identifying details/)
        const rows = page.body.match(/<tr class="govuk-table__row app-finding">/g) ?? []
        assert.equal(rows.length, 1)
        assert.match(readable(page.body), /\(4 times\) Paragraphs 2, 4, 5/)
        assert.match(page.body, /href="[^"]*\?section=2#para-4"/)
        assert.match(page.body, /<q class="app-finding__quote"><mark>Kerys Example<\/mark> shopped at/)
      } finally {
        await t.close()
      }
    })

    test('refuses without permission: a panel member can neither read nor decide, and nothing is saved', async () => {
      const t = await startTestApp(await database.open(), { seedDemoReviews: true })
      try {
        const { docPath } = await documentWithMother(t)
        const { client } = await signIn(t, 'panel@marlshire.example')
        await client.get('/dashboard')
        for (const path of [docPath, `${docPath}/replacements/1`, `${docPath}/mask?paragraph=2`]) {
          const page = await client.get(path)
          assert.equal(page.statusCode, 403, path)
          assert.doesNotMatch(page.body, /Kerys|Riverside/)
        }
        const post = await client.post(`${docPath}/replacements/1`, { version: '1', choice: 'original' })
        assert.equal(post.statusCode, 403)
        const mask = await client.post(`${docPath}/mask`, {
          version: '1',
          paragraph: '2',
          from: '0',
          to: '1',
          replacement: 'x',
        })
        assert.equal(mask.statusCode, 403)
        const stored = await t.services.database.db.selectFrom('review_document').select('decisions').execute()
        assert.ok(stored.every((d) => !String(d.decisions ?? '').includes('reject')))
      } finally {
        await t.close()
      }
    })
  })
}
