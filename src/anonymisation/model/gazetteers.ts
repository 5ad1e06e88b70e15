/**
 * Compact word lists the entity tagger uses as features (written here, never downloaded).
 *
 * Each list is lower-case. Membership is a hint to the model, not a decision: the weights learnt in
 * training say how much a list counts in context ("May" the month versus "may" the verb).
 */

import { MONTH_NUMBERS } from '../months.ts'

function words(list: string): ReadonlySet<string> {
  return new Set(list.trim().split(/\s+/))
}

/** Common given names in England and Wales, and frequent European and international ones. */
export const FIRST_NAMES = words(`
aaliyah aaron abbie abdul abdullah abigail adam adrian agnieszka ahmed ahmet aidan aiden aisha alan albert alex alexander
alexandra alexei alfie ali alice alicia alison amanda amber amelia amir amy ana anastasia andrea andreas andrei andrew
andrzej angela angelo ann anna anne annie anthony anton antonio archie arthur ashley aurelia ava ayesha barbara barry
beatrice becky ben benjamin bernard beth bethany betty bill billy bogdan boris bradley brandon brenda brian bridget
bruce bruno callum cameron carl carla carlos carmen carol caroline carolyn catherine charles charlie charlotte chelsea
chloe chris christian christina christine christopher claire clara colin connor craig daisy dale damian daniel daniela
danielle danny darren dave david dawn dean debbie deborah declan denis dennis derek diana diane dimitri dmitri dmitry
dominic donald donna dorothy douglas duncan dylan ebony eddie edward eileen elaine eleanor elena elif elizabeth ella
ellie emily emin emma emre eric erika esra ethan eva evelyn evie fatima fatma faye fernando fiona florence francesca
francis frank freddie frederick freya gabriel gail gareth gary gavin gemma george georgia gerald gillian giovanni
giuseppe gordon grace graham grant gregory hakan hannah hans harley harriet harry harvey hassan hayley heather helen
helena henry holly hugh hussein ian igor imogen irene isaac isabel isabella isabelle isla ivan jack jackie jacob jade
james jamie jan jane janet janice jason jasmine jay jayden jean jeffrey jennifer jenny jeremy jessica jill jim jimmy
joan joanna joanne jodie joe joel johan johann john jonathan jordan jorge jose josef joseph josephine joshua joyce juan
judith julia julie julian justin kai karen karin kate katherine kathleen kathryn katie katarzyna kayleigh keith kelly
kemal ken kenneth kerry kevin kieran kim kirsty krzysztof kyle laura lauren lee leah leo leon leonard lesley leslie
lewis liam lily linda lindsay lisa lola lorraine louis louise lucas lucy luis luke lydia lynn maciej madison maisie
malcolm marcus margaret maria marie marek mariusz mark marta martin mary mason matilda matthew maureen max maya megan
mehmet melanie melissa mia michael michal michelle mike mila milan mohammed mohammad mohamed molly muhammad murat
mustafa nadia naomi natalie natasha nathan neil nicholas nicola nicole nigel nikolai nina noah norman oleg olga oliver
olivia omar oscar owen paige pamela patricia patrick paul paula pauline pavel peter petra philip phoebe piotr poppy
priya rachel rebecca richard rita rob robert robin roger ronald rosa rose ross ruby rupert russell ruth ryan sabrina
sally sam samantha samuel sandra sara sarah scarlett scott sean sebastian selin sergei sergey shane sharon sheila
shirley simon sofia sophie stacey stanislav stephen steven stuart susan suzanne sylvia tanya tatiana teresa terry
theo theodore thomas tim timothy tina toby todd tom tomasz tony tracey tracy tyler valentina valerie vanessa vasile
vera victor victoria vincent viktor vladimir wayne wendy william willow yasmin yusuf yvonne zachary zara zoe zeynep
`)

/** Common surnames in England and Wales, and frequent European ones. */
export const SURNAMES = words(`
adams ahmed akhtar ali allen anderson armstrong atkinson bailey baker ball barker barnes bell bennett berry bibi
bird black bradley brooks brown burns butler campbell carter chapman clark clarke cole collins cook cooper cox
davies davis dawson dixon doyle dunn edwards ellis evans fisher fletcher foster fox francis gibson gill graham grant
gray green griffiths hall harris harrison hart harvey hill holmes hughes hunt hussain jackson james jenkins johnson
johnston jones kaur kelly kennedy khan king knight lee lewis lloyd marshall martin mason matthews miller mills mitchell
moore morgan morris murphy murray owen palmer parker patel pearson phillips poole powell price rahman reid reynolds
richards richardson roberts robertson robinson rogers rose ross russell scott shah shaw simpson singh smith stevens
stewart stone taylor thomas thompson turner walker wallace ward watson webb wells white wilkinson williams wilson
wood wright young yilmaz kaya demir sahin celik yildiz yildirim ozturk aydin ozdemir arslan dogan kilic aslan cetin
kara koc kurt ozkan simsek nowak kowalski wisniewski wojcik kowalczyk kaminski lewandowski zielinski szymanski
ivanov petrov smirnov kuznetsov popov sokolov volkov novikov morozov popescu ionescu papadopoulos georgiou muller
schmidt schneider fischer weber meyer wagner becker schulz hoffmann rossi russo ferrari esposito bianchi romano
garcia rodriguez gonzalez fernandez lopez martinez sanchez perez horvath kovacs nagy novak dvorak andersson
johansson karlsson nilsson eriksson larsson hansen jensen nielsen pedersen
`)

/** Month names and their usual abbreviations (lower case), from the one month table. */
export const MONTHS: ReadonlySet<string> = new Set(MONTH_NUMBERS.keys())

/** Days of the week and their abbreviations. */
export const WEEKDAYS = words(
  `monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun`,
)

/** Countries and large regions (single words; multi-word names are learnt from their parts). */
export const COUNTRIES = words(`
afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahrain bangladesh belarus
belgium bolivia bosnia herzegovina brazil bulgaria cambodia cameroon canada chad chile china colombia congo croatia
cuba cyprus czechia czechoslovakia denmark ecuador egypt england eritrea estonia ethiopia finland france gambia georgia
germany ghana greece guinea hungary iceland india indonesia iran iraq ireland israel italy jamaica japan jordan
kazakhstan kenya kosovo kuwait kyrgyzstan latvia lebanon liberia libya liechtenstein lithuania luxembourg macedonia
malawi malaysia mali malta mexico moldova monaco mongolia montenegro morocco mozambique myanmar namibia nepal
netherlands nigeria norway pakistan palestine peru philippines poland portugal qatar romania russia rwanda scotland
senegal serbia sierra slovakia slovenia somalia spain sudan sweden switzerland syria tajikistan tanzania thailand
tunisia turkey turkmenistan uganda ukraine uzbekistan venezuela vietnam wales yemen yugoslavia zambia zimbabwe
britain europe africa asia america chechnya crimea kurdistan transnistria abkhazia ossetia
`)

/** Nationalities, ethnicities, religions and languages (demographic details to generalise). */
export const DEMONYMS = words(`
afghan albanian algerian american armenian australian austrian azerbaijani bangladeshi belarusian belgian bosnian
brazilian british bulgarian cameroonian canadian chechen chilean chinese colombian congolese croatian cuban cypriot
czech danish dutch egyptian english eritrean estonian ethiopian european finnish french gambian georgian german
ghanaian greek hungarian icelandic indian indonesian iranian iraqi irish israeli italian jamaican japanese jordanian
kazakh kenyan kosovan kosovar kurdish kurd kurds kuwaiti latvian lebanese liberian libyan lithuanian luxembourgish
macedonian malawian malaysian maltese mexican moldovan moldavian mongolian montenegrin moroccan nepalese nigerian
norwegian pakistani palestinian peruvian philippine polish portuguese romanian roma romani russian rwandan scottish
senegalese serbian slovak slovakian slovenian somali spanish sudanese swedish swiss syrian tajik thai tunisian turkish
turkmen ugandan ukrainian uzbek venezuelan vietnamese welsh yemeni yugoslav zambian zimbabwean gypsy traveller
muslim muslims christian christians catholic orthodox protestant jewish jew jews hindu sikh buddhist islamic
arab arabic asian african caucasian alevi sunni shia sami
`)

/** Titles and ranks that precede a person's name. */
export const TITLES = words(`
mr mrs ms miss mx dr prof professor sir dame lord lady judge justice pc dc ds di dci dsi sgt sergeant insp inspector
supt superintendent cllr councillor rev reverend fr father sister nurse
`)

/** Occupations, jobs and professional roles (singular and plural), a demographic detail in TAB. */
export const OCCUPATIONS = words(`
accountant accountants actor actress administrator adviser advisor advocate advocates agent agronomist architect
army artist assistant associate auditor baker banker barrister bishop blacksmith bookkeeper builder bus businessman
businessmen businesswoman butcher captain carpenter cashier caretaker chairman chef chemist cleaner clerk coach colonel
commander constable consultant cook councillor courier craftsman dancer dancers dentist deputy designer detective
diplomat director doctor doctors driver drivers economist editor editor-in-chief electrician employee employees
engineer engineers entrepreneur executive factory farmer farmers firefighter fisherman footballer foreman gendarme
gendarmes general governor guard guards hairdresser headmaster headteacher imam inspector instructor interpreter
janitor journalist journalists judge labourer landlord lawyer lawyers lecturer librarian lieutenant machinist major
manager managers mayor mechanic merchant midwife miner minister musician nurse nurses officer officers official
officials operator painter paramedic pensioner pharmacist photographer physician physicians physiotherapist pilot
plumber policeman policemen politician porter priest principal prisoner professor professors prosecutor psychiatrist
psychologist publisher receptionist reporter researcher retired sailor salesman scientist secretary seller servant
sergeant shepherd shopkeeper singer soldier soldiers solicitor student students supervisor surgeon tailor teacher
teachers technician trader translator treasurer tutor unemployed veteran veterinarian waiter waitress warden watchman
welder worker workers writer
`)

/** Medical conditions, injuries and disabilities (health details are quasi-identifiers). */
export const MEDICAL = words(`
abscess addiction aids alcoholism allergy alzheimer amputation amputated anaemia aneurysm anorexia anxiety arrhythmia
arthritis arthrosis asthma autism autistic blind blindness bronchitis bruise bruises bruising burns cancer cardiac
cataract cerebral chronic cirrhosis coma concussion contusion contusions cyst deaf deafness dementia depression
depressive diabetes diabetic diagnosed diagnosis disabilities disability disabled discopathy disease diseases disorder
disorders dislocation dysfunction epilepsy epileptic fever fracture fractured fractures gangrene haematoma haemorrhage
handicap handicapped hepatitis hernia hiv hypertension illness illnesses infarction infection inflammation injured
injuries injury insomnia ischaemia ischemic kidney leukaemia lesion lesions liver malaria mental migraine neuralgia
neurosis obesity paralysed paralysis paraplegia paraplegic pneumonia psychiatric psychosis psychotic ptsd renal
schizophrenia schizophrenic sciatica seizure seizures sclerosis spinal stroke syndrome tetraplegia thrombosis trauma
traumatic tuberculosis tumour tumor ulcer vision wound wounds
`)

/** Number words and currency names, codes and symbols (quantities and amounts). */
export const QUANTITY_WORDS = words(`
one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen
nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion half dozen several
euro euros eur usd gbp pln try ytl chf sek nok dkk czk huf rub uah ron bgn hrk dollars dollar pounds pound sterling
francs franc marks zlotys zloty lira liras lire kronor krona kroner korunas koruna forints forint roubles rubles
hryvnias lei dinars levs drachmas schillings pesetas escudos guilders € $ £
percent per cent km kilometres metres meters kg kilograms grams hectares hectare square
`)

/** Units of time, for durations ("eight days", "two years and one month"). */
export const TIME_UNITS = words(`
second seconds minute minutes hour hours day days week weeks month months year years decade decades century
centuries morning afternoon evening night noon midnight a.m p.m am pm
`)

/** Words that head the names of courts, authorities, institutions and organisations. */
export const INSTITUTION_WORDS = words(`
court courts tribunal tribunals ministry ministries department office prosecutor's council municipality municipal
university faculty hospital clinic prison prisons penitentiary association party union company bank corporation
ltd gmbh ag sa plc inc agency authority authorities board commission committee institute school college academy
foundation federation police gendarmerie army parliament assembly government directorate registry service
`)
