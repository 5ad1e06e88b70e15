/**
 * Word lists that keep the case-aware name matching from hitting ordinary words.
 *
 * - `NAME_LIKE_WORDS`: names and surnames that are also ordinary English words ("Mark", "Rose",
 *   "Hart", "Price", "Marsh"). Such a name is matched only when capitalised, and not on its own at
 *   the start of a sentence without a sign that it is a person.
 * - `CAPITALISED_REPORT_WORDS`: words often capitalised in safeguarding reports (months, days,
 *   agencies, headings) that must never be taken for a misspelt name ("March" is one letter from
 *   "Marsh").
 * - `ACRONYMS`: upper-case letter pairs and triples with a common meaning in reports or English,
 *   never read as a person's initials.
 */

const NAME_LIKE = `
mark rose lee will bill pat sue rob jack frank dawn summer holly ivy daisy lily ruby amber hazel iris
heather violet autumn sunny sandy rusty carol chase drew gene guy ray rich art bob don herb jay mo nan
norm penny sky star storm river brook cliff dale glen heath lane hart bell marsh price cole
pike shaw burke may june april august grace hope faith joy joyce bliss angel baker smith taylor brown
green white black young king wood hill hall wright walker cook clark turner moore ward fox rice bird
page mills marsh marshall mason miller fisher fletcher potter carter archer hunter bishop dean parsons
chapman knight cross best field fields rivers banks long short little small rich brand noble sharp
bright gay may hunt stone wall hay house jolly frost snow rain ash oak birch reed rush lamb wolf hawk
crow swift drake finch buck hart roe bull steer bear lyon fish salmon pike wren robin jay gill lord
duke earl prince queen major sergeant constable judge sheriff dick pip kit tim ned ted nat dot peg
meg bea jo al cal sam ben dan don mel val viv max rex roy sid stan tam vic will wynn win gail joy
pearl crystal jewel jasmine poppy willow sage destiny harmony melody lola nancy peggy polly sally
faye fay hope honey candy cherry misty rain starr sterling cash pierce wade young hood hope bolt
sweet brave blessing chance ace clay flint forest heath marsh moss rock slate dale vale glenn
`

const REPORT_WORDS = `
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday christmas easter
police health social care children child childrens mother father sister brother nursery school
hospital practice medical general family hub early help team manager worker officer review panel
partnership council county trust service services board agency agencies report reports summary
chronology chronologies finding findings recommendation recommendations action actions measure
owner timescale introduction methodology analysis background terms reference key episode
emergency department paediatric paediatrician midwife midwifery visitor visiting nurse doctor
strategy discussion meeting assessment plan protection need needs referral section case record
records independent reviewer draft overview executive confidential status commissioned version
domestic abuse violence disclosure scheme substance misuse recovery foundation integrated
national local safeguarding practice serious incident notification notifications public
multi multiagency hidden men non mobile bruising challenge information received sent words
quarterly monthly audit standard standards prompt consultant liaison form forms triage policy
class drug drugs cocaine cannabis alcohol the this that these those there their then than they
what when where which while who whom whose why with within without would could should shall
after before during since until about above across against along among around because between
however although though also and but for from into onto over under upon very was were has have had
his her hers him she he its our ours your yours my mine we us them it is are be been being
not nor yet so no yes all any each every both few more most other some such only own same
one two three four five six seven eight nine ten first second third last next new old
did does done said told asked says say tells went came saw seen met made gave given took taken
mum mummy dad daddy nanny gran granny grandma grandad baby babies unborn sibling siblings half
`

const ACRONYM_LIST = `
A I AM PM OK TV UK US EU UN GP ED AE PC DC DS DI DCI DSI DSU CI SW HV CP CIN CSC LA LAC SEN SEND
SENCO DSL LADO DBS NHS ICB ICS PPN DASH MARAC MAPPA MASH MRP CAMHS CT MRI RTA NFA DV DA TM EH IMR
NB PS NA ID IQ IT JP QC KC MP MS ME HR PR CV BA MA PE RE RI SO OR AS AT BE BY GO HE IF IN IS NO OF
ON TO UP WE DO AN MY OH OX HM HMP YOI YOT CPS CJS CID OIC ASB CSE CCE FGM GCSE NEET DWP HMRC NI
RD ST DR MR MRS MX AND THE FOR BUT NOT ALL ANY CAN HAS HAD HER HIS HIM SHE WAS ARE YOU OUR OUT NOW
NEW OLD ONE TWO SIX TEN ETA RTC AKA DOB DOD RIP IDVA ISVA MDAS ICON TAF TAC CAF EHA EHM EHCP PEP
CLA LSCB LCSPR SCR CSPR ABH GBH ACE ACES UTI UC PIP ESA JSA HB CT BMI BP ENT OT SALT SLT PT ICU PICU
NICU SCBU HDU AMP OOH HR EEG ECG AAU CDOP SUDI SIDS DNA WNB DNB FTA NOK LD ADHD ASD ASC OCD PTSD
`

// The case-record systems that social-care, health and police files name ("recorded on Mosaic",
// "uploaded to SystmOne"): products every authority uses, never a person or a place.
const RECORD_SYSTEM_LIST = `
mosaic liquidlogic lcs carefirst contrOCC frameworki systmone emis cerner niche pnc pnd childview servelec
`

/** Case-record systems (lower case): software named in files, never a person ("Mosaic", "SystmOne"). */
export const RECORD_SYSTEMS: ReadonlySet<string> = new Set(RECORD_SYSTEM_LIST.toLowerCase().split(/\s+/).filter(Boolean))

/** Lower-case words that are also names; such names are matched only when capitalised. */
export const NAME_LIKE_WORDS: ReadonlySet<string> = new Set(NAME_LIKE.split(/\s+/).filter(Boolean))

/** Lower-case words often capitalised in reports; never taken for a misspelt name. */
export const CAPITALISED_REPORT_WORDS: ReadonlySet<string> = new Set([
  ...REPORT_WORDS.split(/\s+/).filter(Boolean),
  ...RECORD_SYSTEMS,
])

/** Upper-case acronyms and short words never read as a person's initials. */
export const ACRONYMS: ReadonlySet<string> = new Set(ACRONYM_LIST.split(/\s+/).filter(Boolean))

/** Titles and ranks written before a name ("Mrs", "Dr", "PC", "DS"); lower case, no full stop. */
export const TITLES: ReadonlySet<string> = new Set(
  `mr mrs ms miss mx dr doctor prof professor pc pcso dc ds di dci dsi dsupt supt sgt sergeant insp inspector
  constable det detective nurse sister cllr councillor rev reverend judge`
    .split(/\s+/)
    .filter(Boolean),
)

/** Police ranks that may be followed by a collar number ("PC 2291"); lower case. */
export const POLICE_RANKS: ReadonlySet<string> = new Set(
  'pc pcso dc ds di dci dsi sgt sergeant insp inspector constable det detective'.split(' '),
)
