import type { CastMember, Place } from '../case-types.ts'
import type { Recognizer } from '../types.ts'
import { createCastIdentifierRecognizer } from './cast-identifier.recognizer.ts'
import { createCastNameRecognizer } from './cast-name.recognizer.ts'
import { createCasePlaceRecognizer } from './case-place.recognizer.ts'
import { createCollarNumberRecognizer } from './collar-number.recognizer.ts'
import { createDateRecognizer } from './date.recognizer.ts'
import { createDemographicRecognizer } from './demographic.recognizer.ts'
import { createEmailRecognizer } from './email.recognizer.ts'
import { createInstitutionRecognizer } from './institution.recognizer.ts'
import { createLandRegistryRecognizer } from './land-registry.recognizer.ts'
import { createNhsNumberRecognizer } from './nhs-number.recognizer.ts'
import { createNiNumberRecognizer } from './ni-number.recognizer.ts'
import { createPhoneRecognizer } from './phone.recognizer.ts'
import { createIncidentReferenceRecognizer } from './incident-reference.recognizer.ts'
import { createMissingPersonReferenceRecognizer } from './missing-person-reference.recognizer.ts'
import { createCustodyNumberRecognizer } from './custody-number.recognizer.ts'
import { createCourtCaseNumberRecognizer } from './court-case-number.recognizer.ts'
import { createWarrantNumberRecognizer } from './warrant-number.recognizer.ts'
import { createLocalAuthorityReferenceRecognizer } from './local-authority-reference.recognizer.ts'
import { createHospitalNumberRecognizer } from './hospital-number.recognizer.ts'
import { createSegmentedReferenceRecognizer } from './segmented-reference.recognizer.ts'
import { createPoliceReferenceRecognizer } from './police-reference.recognizer.ts'
import { createSocialHandleRecognizer } from './social-handle.recognizer.ts'
import { createStreetAddressRecognizer } from './street-address.recognizer.ts'
import { createStreetNameRecognizer } from './street-name.recognizer.ts'
import { createTitleNameRecognizer } from './title-name.recognizer.ts'
import { createTownNameRecognizer } from './town-name.recognizer.ts'
import { createUkPostcodeRecognizer } from './uk-postcode.recognizer.ts'
import { createUrlRecognizer } from './url.recognizer.ts'
import { createVehicleRegistrationRecognizer } from './vehicle-registration.recognizer.ts'

/** The generic recognizers (no case knowledge), in a stable order. Never throws. */
export function createGenericRecognizers(): Recognizer[] {
  return [
    createDateRecognizer(),
    createUkPostcodeRecognizer(),
    createStreetAddressRecognizer(),
    createStreetNameRecognizer(),
    createTownNameRecognizer(),
    createPhoneRecognizer(),
    createEmailRecognizer(),
    createUrlRecognizer(),
    createNhsNumberRecognizer(),
    createNiNumberRecognizer(),
    createPoliceReferenceRecognizer(),
    createIncidentReferenceRecognizer(),
    createMissingPersonReferenceRecognizer(),
    createCustodyNumberRecognizer(),
    createCourtCaseNumberRecognizer(),
    createWarrantNumberRecognizer(),
    createLocalAuthorityReferenceRecognizer(),
    createHospitalNumberRecognizer(),
    createSegmentedReferenceRecognizer(),
    createLandRegistryRecognizer(),
    createCollarNumberRecognizer(),
    createVehicleRegistrationRecognizer(),
    createSocialHandleRecognizer(),
    createInstitutionRecognizer(),
    createTitleNameRecognizer(),
    createDemographicRecognizer(),
  ]
}

/** The case-aware recognizers for a review's cast and places. Never throws. */
export function createCaseRecognizers(cast: readonly CastMember[], places: readonly Place[]): Recognizer[] {
  return [createCastNameRecognizer(cast), createCastIdentifierRecognizer(cast), createCasePlaceRecognizer(places)]
}

/** Names of the case-aware recognizers: their detections win conflicts over generic ones. */
export const CASE_RECOGNIZER_NAMES: ReadonlySet<string> = new Set(['cast-name', 'cast-identifier', 'case-place'])
