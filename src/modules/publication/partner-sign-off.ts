/**
 * The statutory safeguarding partners' sign-off as pure rules: the three partners (the local
 * authority, the police and health, that is the integrated care board), what each has signed, and
 * why a person cannot sign now. No database, no web.
 */
import type { IsoDate } from '../clocks/plain-date.ts'

/** The three statutory safeguarding partners (Working Together to Safeguard Children). */
export const STATUTORY_PARTNERS = ['local_authority', 'police', 'health'] as const
export type StatutoryPartner = (typeof STATUTORY_PARTNERS)[number]

/** Each partner as the pages name it. */
export const PARTNER_NAMES: Readonly<Record<StatutoryPartner, string>> = {
  local_authority: 'Local authority',
  police: 'Police',
  health: 'Health (integrated care board)',
}

/** True for one of STATUTORY_PARTNERS. Pure. */
export function isStatutoryPartner(value: unknown): value is StatutoryPartner {
  return typeof value === 'string' && (STATUTORY_PARTNERS as readonly string[]).includes(value)
}

/** One partner's recorded sign-off. */
export interface PartnerSignOff {
  partner: StatutoryPartner
  signedBy: string
  signedByName: string
  /** The signer's job title as typed. */
  signedByRole: string
  signedOn: IsoDate
  note: string
  recordedAt: string
}

/** Each partner with its sign-off, or null while it is waiting; in STATUTORY_PARTNERS order. Pure. */
export function partnerStates(
  signOffs: readonly PartnerSignOff[],
): Array<{ partner: StatutoryPartner; name: string; signOff: PartnerSignOff | null }> {
  return STATUTORY_PARTNERS.map((partner) => ({
    partner,
    name: PARTNER_NAMES[partner],
    signOff: signOffs.find((s) => s.partner === partner) ?? null,
  }))
}

/** True once every statutory partner has signed. Pure. */
export function allPartnersSigned(signOffs: readonly PartnerSignOff[]): boolean {
  return STATUTORY_PARTNERS.every((partner) => signOffs.some((s) => s.partner === partner))
}

/**
 * Why the person acting for `partner` (null: they act for none) cannot sign now, in plain English;
 * empty when they can. The order of the publication steps is checked by the caller. Pure.
 */
export function partnerSignOffProblems(
  partner: StatutoryPartner | null,
  signOffs: readonly PartnerSignOff[],
): string[] {
  if (!partner) {
    return [
      'You do not act for a statutory partner in this partnership. Ask an administrator to record which partner you sign for',
    ]
  }
  const already = signOffs.find((s) => s.partner === partner)
  if (already) {
    return [`${PARTNER_NAMES[partner]} has already signed off: ${already.signedByName} (${already.signedByRole})`]
  }
  return []
}

/** The note of the "signed off" step once all three have signed: who signed for each partner. Pure. */
export function signedOffNote(signOffs: readonly PartnerSignOff[]): string {
  return `Signed off by ${partnerStates(signOffs)
    .map((p) => `${p.name}: ${p.signOff?.signedByName} (${p.signOff?.signedByRole})`)
    .join('; ')}.`
}
