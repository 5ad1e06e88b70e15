/**
 * English given names and the diminutives, nicknames and spelling variants practitioners write for
 * them ("Tommy" for Thomas, "Liz" for Elizabeth), from two sources:
 *
 * - a published list (`published-nicknames.data.ts`: the Old Dominion University nickname lookup,
 *   about 1,000 given names, Apache 2.0), read as "a given name and each of its nicknames are forms
 *   of one another" (not nickname with nickname: "Bill" is a form of William and of Robert, which are
 *   not forms of each other);
 * - British forms that list lacks ("Gaz", "Bex", "Jacqui", "Wazza"), one group per line, every name
 *   in a group a form of every other. These are common British usage, written without reference to
 *   any case; an earlier tail of groups that followed a fixture's cast was removed (issue 13).
 *
 * Nicknames that are everyday words ("Ford" for Bradford, "Bell" for William, "Honey" for Honora)
 * are left out of the published list's forms: the cast-name recognizer would otherwise replace an
 * ordinary capitalised word for a cast member with that given name.
 */
import { CAPITALISED_REPORT_WORDS, NAME_LIKE_WORDS } from './common-words.lexicon.ts'
import { PUBLISHED_NICKNAMES_CSV } from './published-nicknames.data.ts'

const BRITISH_GROUPS = `
Thomas Tom Tommy Thom Tam
William Will Willie Willy Bill Billy Liam Wills
James Jim Jimmy Jamie Jimbo Jas
John Johnny Jon Jack Jonny
Jonathan Jon Jonny Jonty Nathan
Jack Jackie Jacky
Robert Rob Robbie Bob Bobby Bert Robby
Richard Rich Richie Rick Ricky Dick Dickie
Michael Mike Mick Mickey Micky Mikey Mich
Christopher Chris Kit Topher Christy
Matthew Matt Matty Mat
Andrew Andy Drew Andi
Anthony Tony Ant Anton
Edward Ed Eddie Ted Teddy Ned Eddy
Benjamin Ben Benny Benji Benjy
Daniel Dan Danny Dani
Samuel Sam Sammy
Joseph Joe Joey Jo
Joshua Josh
Nicholas Nick Nicky Nico Nic
Alexander Alex Alec Sandy Xander Lex Alfie
Alexandra Alex Alexa Sandra Sandy Lexi Lexie Ali
Alfred Alf Alfie Fred Freddie
Frederick Fred Freddie Freddy Fritz
Charles Charlie Chas Chuck Chaz
Charlotte Charlie Lottie Lotty Char
Henry Harry Hal Hank
Harold Harry Hal
Harrison Harry
Stephen Steve Stevie Steph Steven
Steven Steve Stevie
Timothy Tim Timmy
Peter Pete Petey
Patrick Pat Paddy Patty
Patricia Pat Patty Tricia Trish
Philip Phil Pip Phillip
Gareth Gaz Gary Gaza
Gary Gaz Gazza
Kenneth Ken Kenny
Lawrence Laurence Larry Laurie
Leonard Len Lenny Leo Leon
Raymond Ray
Ronald Ron Ronnie
Donald Don Donnie
Douglas Doug Dougie
Gregory Greg
Jeffrey Jeff Geoff Geoffrey
Nathaniel Nathan Nat Nate
Oliver Ollie Olly Oli
Zachary Zach Zac Zack
Callum Cal
Connor Con
Dominic Dom
Frank Frankie Francis Franny
Gerald Gerry Ged Jerry
Jeremy Jerry Jez
Kevin Kev
Lewis Lew Louis Lou
Mohammed Muhammad Mohammad Mohamed Mo Moe
Reginald Reg Reggie
Terence Terry Tel
Vincent Vince Vinny
Wayne Wazza
Derek Del Dezza
Darren Daz Dazza
Kieran Kie Kieron
Elizabeth Liz Lizzie Lizzy Beth Betty Bet Eliza Elsie Libby Lisa Liza Bess Bessie Betsy Ellie
Margaret Maggie Meg Peggy Marge Margie Mags Greta Madge Rita
Rebecca Becky Becca Bex Beck
Catherine Cathy Kate Katie Cath Kath Kathy Cat Kay Kitty Katherine Kathryn Kat
Katherine Kate Katie Kath Kathy Kat Kitty
Jennifer Jen Jenny Jenni Jess
Jessica Jess Jessie Jessy
Victoria Vicky Vikki Tori Vic
Rachel Rach Rae
Samantha Sam Sammy Sami
Natalie Nat Nattie Tally Nathalie Natalia
Nicola Nicky Nikki Nic Niki
Deborah Debbie Deb Debs Debra
Susan Sue Susie Suzy Sues
Suzanne Sue Suzie Suzy Susanne
Christine Chris Chrissie Christina Tina
Christina Chris Tina Chrissy
Caroline Carol Caro Carrie Lina
Carol Carole Caz Carrie
Joanne Jo Jojo Joanna
Joanna Jo Joanne
Josephine Jo Josie Jo-Jo Fifi
Jacqueline Jackie Jacqui Jacky Jacks
Alison Ali Allie Ally
Amanda Mandy Manda Mandi
Angela Angie Ange
Barbara Barb Barbie Babs
Abigail Abby Abbie Gail Abi
Amelia Millie Milly Amy Mia
Emily Em Emmy Emmie Millie
Emma Em Emmy Emmie
Eleanor Ellie Nell Nellie Elle Nora Ella Leonora
Ellen Ellie Nell Elle
Helen Nell Ellie Lena
Isabella Bella Izzy Issy Isabel Isabelle Izzie
Isabel Bella Izzy Issy Isobel
Jade Jadey
Louise Lou Louisa Lulu Loulou
Lucy Lu Luce Lucie
Megan Meg Meggie
Molly Moll Mollie
Olivia Liv Livvy Ollie Livia
Sophie Soph Sophia Sophy
Stephanie Steph Stephie Stevie
Teresa Terri Tess Tessa Theresa Tracey Terry
Tracey Trace Tracy
Stacey Stace Stacy
Kimberley Kim Kimmy Kimberly
Danielle Dani Ellie Danni
Gabrielle Gabby Gabi Ella Brie
Georgina Georgie Gina
`

// Everyday words in the published list's nickname column, and two run-together entries of it.
const EVERYDAY = new Set(
  `ford little berry king field wood one left life see day happy honey chat tick flick duty mock crate squat gay dutch
  link pink gum van wash fate kill hop mercy glory joy fay faith ivy candy sis ree dee court vet sly fie ples
  menaalmena billiewilhelm`.split(/\s+/),
)

/** Lower-case name → every other lower-case form (never includes the name itself). */
const VARIANTS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const map = new Map<string, Set<string>>()
  const link = (a: string, b: string): void => {
    if (a === b) return
    for (const [x, y] of [
      [a, b],
      [b, a],
    ]) {
      let set = map.get(x)
      if (!set) map.set(x, (set = new Set()))
      set.add(y)
    }
  }
  for (const line of BRITISH_GROUPS.split('\n')) {
    const names = line.trim().toLowerCase().split(/\s+/).filter(Boolean)
    for (const a of names) for (const b of names) link(a, b)
  }
  for (const row of PUBLISHED_NICKNAMES_CSV.split(/\s+/)) {
    const [name, ...nicknames] = row.toLowerCase().split(',')
    if (!name) continue
    map.set(name, map.get(name) ?? new Set())
    for (const nick of nicknames) {
      // one or two letters, initials ("k.c.") and everyday words are not safe forms of a name
      if (nick.length < 3 || !/^[a-z]+$/.test(nick) || EVERYDAY.has(nick)) continue
      if ((NAME_LIKE_WORDS.has(nick) || CAPITALISED_REPORT_WORDS.has(nick)) && !map.get(name)?.has(nick)) continue
      link(name, nick)
    }
  }
  return map
})()

/**
 * Diminutives, nicknames and variant spellings of a given name (lower case), e.g. `thomas` →
 * `tom`, `tommy`, `thom`, `tam`. Empty when the name is not in the lexicon. Never throws.
 */
export function nameVariants(givenName: string): ReadonlySet<string> {
  return VARIANTS.get(givenName.toLowerCase()) ?? new Set()
}

/** True when the word is a given name or nickname the lexicon knows (any case). Never throws. */
export function isKnownGivenName(word: string): boolean {
  return VARIANTS.has(word.toLowerCase())
}
