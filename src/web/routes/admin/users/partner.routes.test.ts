import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { actorFor, signIn, startTestApp } from '../../../../../test/support/app.ts'
import { testDatabases } from '../../../../../test/support/databases.ts'

for (const database of testDatabases()) {
  describe(`administrator sets a user's statutory partner on ${database.name}`, () => {
    test('the administrator links a chair to a partner; other roles cannot be linked; others are refused', async () => {
      const t = await startTestApp(await database.open())
      try {
        const police = await actorFor(t, 'police.partner@marlshire.example')
        const coordinator = await actorFor(t, 'coordinator@marlshire.example')
        const { client: admin } = await signIn(t, 'admin@marlshire.example')

        const page = await admin.get(`/admin/users/${police.userId}`)
        assert.equal(page.statusCode, 200)
        assert.match(page.body, /Which partner does this user sign off for\?/)
        assert.match(page.body, /value="police" checked/)

        const moved = await admin.post(`/admin/users/${police.userId}/partner`, { partner: 'health' })
        assert.equal(moved.statusCode, 303)
        const after = await admin.get(String(moved.headers.location))
        assert.match(after.body, /Statutory partner saved\./)
        assert.match(after.body, /value="health" checked/)
        assert.equal(
          await t.services.partnerSignOff.signatoryPartner(await actorFor(t, 'admin@marlshire.example'), police.userId),
          'health',
        )

        // A coordinator cannot sign off, so cannot be linked to a partner.
        const refused = await admin.post(`/admin/users/${coordinator.userId}/partner`, { partner: 'police' })
        assert.equal(refused.statusCode, 400)
        assert.match(refused.body, /Only a user with the board chair role can sign off for a statutory partner/)

        // Refuses without permission: a chair cannot link themselves (or anyone) to a partner.
        const { client: chair } = await signIn(t, 'chair@marlshire.example')
        await chair.get('/dashboard')
        const denied = await chair.post(`/admin/users/${police.userId}/partner`, { partner: 'police' })
        assert.equal(denied.statusCode, 403)
        assert.equal(
          await t.services.partnerSignOff.signatoryPartner(await actorFor(t, 'admin@marlshire.example'), police.userId),
          'health',
        )
      } finally {
        await t.close()
      }
    })
  })
}
