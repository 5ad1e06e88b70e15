import { createReadStream, readdirSync } from 'node:fs'
import { sharedDataPath } from '../../shared-data.ts'
import { entriesToCommit, previewChronologyImport } from './chronology-import.ts'
import type { IntegrationEntry } from './integrated-chronology.ts'

/**
 * Every entry of the demo case's agency chronologies, for the linking tests. The agency is the
 * file's name (so each file is one agency) and the id is `<file>:<row>`.
 */
export async function demoEntries(): Promise<IntegrationEntry[]> {
  const folder = sharedDataPath('demo-case', 'chronologies')
  const entries: IntegrationEntry[] = []
  for (const file of readdirSync(folder).sort()) {
    const agency = file.replace(/\.csv$/, '')
    const preview = await previewChronologyImport(createReadStream(`${folder}/${file}`), { defaultAgency: agency })
    for (const e of entriesToCommit(preview)) {
      entries.push({
        id: `${agency}:${e.row}`,
        agency,
        date: e.date,
        time: e.time,
        event: e.event,
        peopleInvolved: e.peopleInvolved,
        practitionerRole: e.practitionerRole,
        sourceRecord: e.sourceRecord,
      })
    }
  }
  return entries
}
