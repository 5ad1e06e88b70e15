import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { test } from 'node:test'
import ts from 'typescript'

/**
 * "Every service method's first statement is the policy call": this test reads every `*.service.ts`
 * under src/modules with TypeScript's parser and fails on a public async method taking an `actor`
 * whose first statement does not go through the access policy.
 *
 * A first statement counts when it calls `….access.require(…)`, or a method of the same class whose own
 * first statement does, or `ReviewService.readableReview/manageableReview` (which are
 * exactly `access.require(actor, 'review.read' | 'review.manage', { review })` followed by the read).
 */
const MODULES = join(import.meta.dirname, '..')

/**
 * Methods that take an actor but are not checked by the policy, each with the reason. Anything added
 * here is a decision for review; the list is meant to shrink.
 */
const EXEMPT: Record<string, string> = {
  // The audit service is the policy's refusal recorder (the policy depends on it), so it checks its
  // two permissions against the same table with `assertAllowed` rather than through the policy.
  'audit/audit.service.ts#list': 'refusal recorder; role-only check with assertAllowed',
  'audit/audit.service.ts#exportCsv': 'refusal recorder; role-only check with assertAllowed',
  'audit/audit.service.ts#recordAction': 'writes the audit log for an actor; not an access decision',
  'audit/audit.service.ts#recordRefusal': 'writes the audit log for an actor; not an access decision',
  // Anyone signed in may end their own session; there is no resource to decide about.
  'auth/auth.service.ts#signOut': "ends the actor's own session",
  // A user picks one of their own memberships for their own session; the membership is the check.
  'auth/auth.service.ts#switchPartnership': "chooses among the actor's own memberships",
}

/** True when `expression` (or something inside it) calls the policy. */
function callsPolicy(node: ts.Node, privateFirsts: Map<string, ts.Statement | undefined>, depth = 0): boolean {
  let found = false
  const visit = (n: ts.Node): void => {
    if (found) return
    if (ts.isCallExpression(n)) {
      const callee = n.expression.getText()
      if (/(^|\.)(#access|access)\.require$/.test(callee) || /\.(readableReview|manageableReview)$/.test(callee)) {
        found = true
        return
      }
      const own = /^this\.(#?\w+)$/.exec(callee)
      if (own && depth < 3 && privateFirsts.has(own[1])) {
        const first = privateFirsts.get(own[1])
        if (first && callsPolicy(first, privateFirsts, depth + 1)) {
          found = true
          return
        }
      }
    }
    // Do not look into callbacks: a policy call inside a lambda does not run first.
    if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) return
    ts.forEachChild(n, visit)
  }
  visit(node)
  return found
}

function serviceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return serviceFiles(path)
    return entry.name.endsWith('.service.ts') ? [path] : []
  })
}

/** Every public async method taking `actor`, as `file#method`, with whether its first statement calls the policy. */
function serviceMethods(): Array<{ name: string; policyFirst: boolean }> {
  const methods: Array<{ name: string; policyFirst: boolean }> = []
  for (const file of serviceFiles(MODULES)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
    const visitClass = (node: ts.Node): void => {
      if (ts.isClassDeclaration(node)) {
        // Methods of the same class a first statement may delegate to (private ones and public ones).
        const privateFirsts = new Map<string, ts.Statement | undefined>()
        for (const member of node.members) {
          if (ts.isMethodDeclaration(member)) privateFirsts.set(member.name.getText(), member.body?.statements[0])
        }
        for (const member of node.members) {
          if (!ts.isMethodDeclaration(member) || !member.body) continue
          if (ts.isPrivateIdentifier(member.name)) continue
          const modifiers = ts.getModifiers(member) ?? []
          if (modifiers.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)) continue
          if (!modifiers.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) continue
          if (!member.parameters.some((p) => p.name.getText() === 'actor')) continue
          const first = member.body.statements[0]
          methods.push({
            name: `${relative(MODULES, file)}#${member.name.getText()}`,
            policyFirst: first !== undefined && callsPolicy(first, privateFirsts),
          })
        }
      }
      ts.forEachChild(node, visitClass)
    }
    visitClass(source)
  }
  return methods
}

test('every public service method taking an actor starts with the access policy', () => {
  const methods = serviceMethods()
  // The parser found the services (a broken glob would pass vacuously).
  assert.ok(methods.length > 100, `only ${methods.length} service methods found`)
  const offenders = methods.filter((m) => !m.policyFirst && !(m.name in EXEMPT)).map((m) => m.name)
  assert.deepEqual(offenders, [])
})

test('every exemption names a method that exists and still needs it', () => {
  const methods = new Map(serviceMethods().map((m) => [m.name, m.policyFirst]))
  for (const name of Object.keys(EXEMPT)) {
    assert.ok(methods.has(name), `${name} is exempt but is not a public async method taking an actor`)
    assert.equal(methods.get(name), false, `${name} is exempt but starts with the policy: remove the exemption`)
  }
})

test('the chronology slice’s services are among those checked, one per concept', () => {
  const names = new Set(serviceMethods().map((m) => m.name))
  const expected: Record<string, string[]> = {
    'chronology-requests': ['requestFromAgencies', 'listRequests'],
    'chronology-imports': ['previewImport', 'checkImport', 'importPage', 'commitImport'],
    'chronology-entries': [
      'saveEntry',
      'draftEntry',
      'drafts',
      'submitDrafts',
      'submitConfirmation',
      'discardDrafts',
      'entryDetail',
      'setEntryPerson',
      'correctEntry',
      'matchPeopleAgain',
    ],
    'integrated-chronology': ['readScope', 'view', 'decideLink'],
    'chronology-episodes': ['keyPracticeEpisodes', 'episodeList', 'createEpisode', 'updateEpisode'],
    'chronology-sharing': ['state', 'setSharing'],
    'chronology-export': ['export'],
  }
  for (const [file, methods] of Object.entries(expected)) {
    for (const method of methods) {
      const name = `chronology/${file}.service.ts#${method}`
      assert.ok(names.has(name), `${name} is not among the checked service methods`)
    }
  }
})
