/**
 * The chronology slice's services, one per concept, as `services.chronology` exposes them
 * (constructed in `src/composition.ts`). Each method starts with the access policy's check.
 */
import type { ChronologyEntryService } from './chronology-entries.service.ts'
import type { ChronologyEpisodeService } from './chronology-episodes.service.ts'
import type { ChronologyExportService } from './chronology-export.service.ts'
import type { ChronologyImportService } from './chronology-imports.service.ts'
import type { ChronologyRequestService } from './chronology-requests.service.ts'
import type { ChronologySharingService } from './chronology-sharing.service.ts'
import type { IntegratedChronologyService } from './integrated-chronology.service.ts'

export interface ChronologyServices {
  /** Requests to agencies for their chronology or agency report. */
  readonly requests: ChronologyRequestService
  /** Imports of agencies' CSV and XLSX files (staged, then all rows or none). */
  readonly imports: ChronologyImportService
  /** Typed drafts, submission, one entry's page, its people and corrections. */
  readonly entries: ChronologyEntryService
  /** The integrated chronology (its view, cache and links). */
  readonly integrated: IntegratedChronologyService
  /** Key practice episodes. */
  readonly episodes: ChronologyEpisodeService
  /** Sharing the integrated chronology with the review's agencies. */
  readonly sharing: ChronologySharingService
  /** CSV, XLSX and DOCX exports of the integrated chronology. */
  readonly exports: ChronologyExportService
}
