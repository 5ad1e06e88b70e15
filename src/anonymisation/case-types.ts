/**
 * Case knowledge the case-aware recognizers are fed with: the review's cast (people) and places,
 * in the shape a review coordinator records them (see `../shared/data/demo-case/cast.json` and
 * `places.json`). Pure types and small pure helpers; no I/O.
 */

/** One address of a cast member; `text` is the whole address as written, the rest its parts. */
export interface CastAddress {
  text: string
  line1?: string | null
  line2?: string | null
  town?: string | null
  postcode?: string | null
}

/** A person in the review ("people in this case"). Only `id`, `role` and `full_name` are required. */
export interface CastMember {
  id: string
  role: string
  /** May start with a title or rank ("Dr Jane Doe", "PC John Smith"). */
  full_name: string
  /** Aliases the coordinator knows: another surname in use, an alias known to the police. */
  other_names?: string[] | null
  /** ISO date `YYYY-MM-DD`. */
  date_of_birth?: string | null
  addresses?: CastAddress[] | null
  phone?: string[] | null
  email?: string[] | null
  nhs_number?: string | null
  ni_number?: string | null
  handles?: string[] | null
  vehicles?: string[] | null
  prison_number?: string | null
  /** Label to use in published text; when absent the register generates one from the role. */
  expected_pseudonym?: string | null
  organisation?: string | null
  notes?: string | null
  /** A name that is published and must not be replaced (for example the independent reviewer). */
  retain?: boolean | null
}

/** A place or organisation named in the review. */
export interface Place {
  name: string
  /** `town`, `village`, `city`, `street`, `gp_practice`, `hospital`, `nursery`, `school`, `pub`, `agency`, ... */
  kind: string
  /** Phrase to publish instead ("the town"); bracketed values like `[street]` are used as written. */
  expected_replacement?: string | null
  notes?: string | null
  /** Published as is (the publishing partnership, the county, agencies named after it). */
  retain?: boolean | null
}

/** Everything the case-aware parts of the library know about one review. */
export interface CaseKnowledge {
  cast: readonly CastMember[]
  places: readonly Place[]
}
