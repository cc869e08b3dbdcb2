// What a personal name looks like in English-language state media: romanised Korean names
// (surname + one or two syllables, "Kim Il Sung", "Kim Jong-un") and other names given
// with a title or role ("President Kaysone Phomvihane", "Choummaly Saygnasone, general secretary …").

export const KOREAN_SURNAMES = new Set(
  (
    'Kim Ri Rhee Lee Yi Pak Park Choe Choi Jong Jung Chung Kang Jo Cho Yun Yoon Jang Chang Rim Lim Im Han O Oh ' +
    'Ryu Yu Yoo Song Sin Shin Kwon Hwang An Ahn Hong Jon Jeon Ko Mun Moon Son Yang Pae Bae Paek Baek Ho Heo ' +
    'Hyon Hyun No Noh Nam Sim Shim Ha Kwak Ju Joo Cha Ku Koo U Woo Min Ryang Chae Won Chon Chun Pang Kong Kye ' +
    'Thae Tae Sol Ok Yom Ma Maeng Chu Ji Pyon Byun Wi Kil Gil Mo Sok Ham To Do Pyo Myong Hyong Jegal Sonu Tong ' +
    // Less common ones, in KCNA's spelling and others': 엄, 서, 성, 탁, 방, 복, 갈, 감, 국, 금, 렴, 여, 예, 왕, 진, 전, 인, 남궁, 황보, 독고.
    'Om Eom Um So Seo Sung Tak Bang Bok Pok Kal Kam Kuk Kum Ryom Yo Ye Wang Jin Chin Jun In Namgung Hwangbo Tokko'
  ).split(' '),
);

// Surnames that are also common English words need a full three-part name.
const AMBIGUOUS_SURNAMES = new Set([
  'An',
  'O',
  'U',
  'No',
  'Do',
  'To',
  'Ha',
  'Ma',
  'Ok',
  'Son',
  'Song',
  'Won',
  'Min',
  'Ho',
  'Ji',
  'Mo',
  'Ham',
  'Moon',
  'Tong',
  'Kong',
  'Chang',
  'So',
  'Um',
  'Bang',
  'Yo',
  'Ye',
  'In',
  'Jin',
  'Sung',
  'Wang',
]);

// One romanised syllable: optional initial, a vowel group, optional final consonant.
const SYLLABLE =
  /^(?:kk|tt|pp|ss|jj|ch|kh|th|ph|ng|[kgntdrlmpbsjhyw])?(?:yae|wae|ae|ya|oe|yo|wo|we|wi|yu|ui|ye|wa|eo|eu|ou|oo|ee|a|o|u|i|e)(?:ng|ck|[knlmpt])?$/i;

// English words that happen to scan as syllables.
// The commonest surnames never stand as a given name: "Kim Il Sung-Kim Jong Il Foundation" is two names.
const NOT_GIVEN_NAMES = new Set(
  'The A And Of In On At To By Is It He We Me Be Do Go No So Up Us Or Oh Ok Yes Day Sea Can Man Pan Ten Top Pop Hall Ring Sing Long Hot Bon Sun War Way Year Tour Tea Pen Map Lake Line Team Cup Kim Pak Choe Park Lee Rhee'.split(
    ' ',
  ),
);
// Of those, the ones that are also common given-name syllables (순, 옥, 만, 인, 소): accepted in a
// name of two given words ("Kim Yong Sun", "Moon Jae In", "Hwang Pyong So"), where an English
// word is unlikely, never alone ("Kim Sun").
const ALSO_GIVEN_NAMES = new Set(['Sun', 'Ok', 'Man', 'In', 'So']);

/** Words that turn a preceding name into a place, building, work or organisation. */
export const NON_PERSON_HEADS = new Set(
  (
    'Square Street Avenue Road Bridge Station Airport Port Harbour Gate Park Garden Mountain Mountains Mt Mount Peak Hill ' +
    'River Lake Sea Bay Island Islands Valley Falls Pass City County Province District Town Village Ward Region ' +
    'University College School Academy Institute Library Museum Hall Palace Theatre Theater Stadium Arena Gymnasium ' +
    'Hospital Factory Plant Mine Farm Works Complex Centre Center Tower Monument Statue Memorial Mausoleum Cemetery ' +
    'Prize Award Medal Order Cup Trophy Festival Day Week Month Games Championship Championships Tournament Foundation ' +
    'Fund Association Union League Federation Society Party Committee Ministry Company Corporation Group Youth ' +
    'Kindergarten Camp Base Highway Line Building Exhibition House Revolutionary Socialist Youth Hotel Restaurant Ship Flower ' +
    'Movement Front Organization Organisation Alliance Coalition Club Troupe Ensemble Orchestra Bank Corps Brigade Division ' +
    'Regiment Conference Forum Summit Secretariat Institution Network Council Assembly Parliament Congress'
  ).split(' '),
);

/** Words of a title before a name: "President", "Foreign Minister", "Comrade". */
export const TITLE_WORDS = new Set(
  (
    'Comrade President Premier Chairman Chairwoman Chairperson General Secretary Prime Minister Foreign Supreme Leader Vice ' +
    'Vice-President Vice-Chairman Vice-Premier Marshal Generalissimo Ambassador Mr Mrs Ms Madame Madam Dr Professor Prof ' +
    'King Queen Prince Princess Emperor Chancellor Senator Governor Mayor Director Commander Colonel Admiral Captain ' +
    'Lieutenant Sergeant Deputy First Great Respected Dear Eternal Spokesperson Spokesman Minister-Counsellor Counsellor Envoy Sheikh Sultan Pope'
  ).split(' '),
);

// Title words that only qualify a title: alone ("the Great Eastern Run") they make none.
export const TITLE_MODIFIERS = new Set('Great Respected Dear Eternal First Deputy Vice Supreme Foreign Prime Senior'.split(' '));

/** Capitalised words of offices and fields: "Minister of Defense", "Aide … for Foreign Policy". */
export const OFFICE_WORDS = new Set(
  (
    'Policy Affairs Administration Department Bureau Office Press Defense Defence Security Service Services Trade Economy Economic ' +
    'Relations External Industry Justice Interior Finance Culture Education Health Agriculture Energy Commission Presidium Staff ' +
    'Forces Intelligence Information Construction Transport Communications Science Technology Sport Sports Environment Labour ' +
    'Labor Public Social Development Planning Commerce Fisheries Protection Management Organizational Organisational Publicity ' +
    'Propaganda Presidential Aide Head Chief Director General Standing Political Legislation Cabinet Women Youth'
  ).split(' '),
);

/** Capitalised words that never belong to a personal name. */
export const NON_NAME_WORDS = new Set(
  (
    'The A An And Of In On At To By For From With More Articles News Korea Korean Koreans DPRK ROK US USA UN EU Lao Laos Laotian ' +
    "Party Workers People People’s People's Republic Democratic Central Committee National Assembly Supreme State Government " +
    'Ministry Foreign Affairs United Nations Army Navy Air Force Council Cabinet Congress Plenary Meeting Session ' +
    'January February March April May June July August September October November December Monday Tuesday Wednesday ' +
    'Thursday Friday Saturday Sunday Juche Songun Pyongyang Seoul Beijing Moscow Washington Tokyo Vientiane North South East West ' +
    'Great Leader Comrade President Premier Chairman Secretary General Minister Prime Marshal Respected Dear Socialist Revolutionary ' +
    'International World Asian Asia Europe African Africa American America Russian Russia Chinese China Japanese Japan Israel Iran ' +
    'Friendship Parliamentary Delegation Embassy Agency KCNA Naenara Rodong Sinmun Day Year New Old First Second Third Last ' +
    'Fourth Fifth Eastern Western Northern Southern Men Children Forum Eurasian Regional Federation Olympic'
  ).split(' '),
);

const NAME_TOKEN = /^\p{Lu}[\p{Ll}'’]*(?:-\p{L}[\p{Ll}'’]*)*$/u;

function syllablesOf(token: string): string[] {
  return token.split('-').filter(Boolean);
}

/** Is `tokens` ("Kim", "Jong-un") a romanised Korean name? */
export function isKoreanName(tokens: string[]): boolean {
  const [surname, ...given] = tokens;
  if (!surname || !KOREAN_SURNAMES.has(surname) || given.length === 0) return false;
  const syllables = given.flatMap(syllablesOf);
  if (syllables.length < 1 || syllables.length > 3) return false;
  if (given.length === 1 && syllables.length === 1 && given[0]!.length < 2) return false;
  if (AMBIGUOUS_SURNAMES.has(surname) && syllables.length < 2) return false;
  const twoGiven = given.length === 2;
  return (
    given.every((t) => NAME_TOKEN.test(t) && (!NOT_GIVEN_NAMES.has(t) || (twoGiven && ALSO_GIVEN_NAMES.has(t)))) &&
    syllables.every((s) => SYLLABLE.test(s))
  );
}

/** Could `tokens` be a non-Korean personal name (given context elsewhere)? */
export function isPlausibleName(tokens: string[]): boolean {
  if (tokens.length < 2 || tokens.length > 4) return false;
  return tokens.every(isNameWord);
}

/** One word that may be part of a non-Korean name: capitalised, not a title, office, place or common word. */
export const isNameWord = (t: string) =>
  NAME_TOKEN.test(t) &&
  t.length > 1 &&
  !NON_NAME_WORDS.has(t) &&
  !NON_PERSON_HEADS.has(t) &&
  !OFFICE_WORDS.has(t) &&
  !SENTENCE_WORDS.has(t);

/** Words that open English sentences and clauses: "Although Jiang Zemin passed away" names Jiang Zemin. */
export const SENTENCE_WORDS = new Set(
  (
    'Although Though While When Whenever Where After Before Because Since As If Unless Until Meanwhile Also But Or Yet So Then Now ' +
    'Here There Today Yesterday However Moreover Furthermore Besides Indeed Thus Hence Therefore Still Even Only Just Once Later ' +
    'Earlier Upon Under Over Through Throughout During Despite Among Between Like Unlike This That These Those Such Every Each ' +
    'All Both Many Some Our Your We They He She It I You Mr Attends Visits Meets Receives Sends Holds Held Paid Leaders'
  ).split(' '),
);

/** "Kim Jong-un" → "Kim Jong Un": the form newsgraph shows as canonical. */
export function canonicalName(name: string): string {
  const tokens = name.trim().split(/\s+/);
  if (isKoreanName(tokens)) {
    const [surname, ...given] = tokens;
    return [surname, ...given.flatMap(syllablesOf).map((s) => s[0]!.toUpperCase() + s.slice(1).toLowerCase())].join(' ');
  }
  return tokens.join(' ');
}

/** Case-, accent-, space- and hyphen-blind key: "Kim Jong-un" and "KIM JONG UN" meet. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export const KOREAN_NAME_PATTERN = /\b\p{Lu}\p{Ll}{0,5}(?:\s+\p{Lu}[\p{Ll}]*(?:-\p{L}\p{Ll}*)*){1,3}/gu;
