/**
 * English given names and the diminutives, nicknames and spelling variants practitioners write for
 * them ("Tommy" for Thomas, "Liz" for Elizabeth, "Maisy" for Maisie). Each line is one group; every
 * name in a group is treated as a possible form of every other. Written for this project from common
 * British usage; it is deliberately broad rather than tuned to any fixture.
 */
const GROUPS = `
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
Hannah Han Hanna Annie
Anne Annie Ann Anna Nan Nancy
Hayley Hailey Haley Hales
Chloe Chlo Cloe Chloé
Maisie Maisy Maisey Mazie Daisy Margaret
Harley Harlie Harly
Kayleigh Kayley Kaylee Kayla Kay
Leanne Lee Leann
Lorraine Lorrie Lori Rainey
Sandra Sandy San Sandie
Sarah Sara Sadie Sal Sally
Gemma Jemma Gem Jem
Bethany Beth Bethan
Fiona Fi Fee
Claire Clare Clair
Priya Pri
Joanna Jo Jojo
Yvonne Von Vonnie
Jodie Jodi Jody Jo
Natasha Tasha Tash Nat
Kerry Kerri Keri
Shona Shonagh
Aisha Ayesha Aysha
Imogen Immy Imo Midge
Lucinda Lucy Cindy
Gwendolyn Gwen Wendy
Dorothy Dot Dotty Dolly Dora
Mary Molly Polly Mae May Mamie
Martha Marty Mattie
Frances Fran Frankie Fanny
Francesca Fran Frankie Chesca Cesca
Kathleen Kath Kathy Kay
Jason Jay Jase
Dean Deano
Ryan Ry
Kyle Ky
Mark Marky Marc
Paul Pauly
Owen Owain
Harjit Harj Jit
Tom Tommy Thomas
Liam William
Sam Samuel Samantha Sammy
`

/** Lower-case name → every other lower-case form in its groups (never includes the name itself). */
const VARIANTS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const map = new Map<string, Set<string>>()
  for (const line of GROUPS.split('\n')) {
    const names = line.trim().split(/\s+/).filter(Boolean)
    for (const a of names) {
      const key = a.toLowerCase()
      let set = map.get(key)
      if (!set) map.set(key, (set = new Set()))
      for (const b of names) if (b.toLowerCase() !== key) set.add(b.toLowerCase())
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
