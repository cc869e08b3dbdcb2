// Korean text: what is Hangul, and Korean names written the way KCNA's English service writes them
// (its own McCune–Reischauer without breves: Kim Jong Un, Choe Son Hui, Ri, Rim, Ryu, Paek, Thae).

export const HANGUL = /[\uac00-\ud7a3]/;

/** Mostly Hangul: a Korean text, whatever numbers and Latin words it holds. */
export function isKoreanText(text: string): boolean {
  const hangul = text.match(/[\uac00-\ud7a3]/g)?.length ?? 0;
  return hangul > 0 && hangul / (text.match(/\p{L}/gu)?.length ?? 1) > 0.3;
}

// Jamo in Unicode order: 19 initials, 21 medials, 28 finals (the first: none).
const INITIALS = ['k', 'kk', 'n', 't', 'tt', 'r', 'm', 'p', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'kh', 'th', 'ph', 'h'];
/** Within a given name after its first syllable KCNA voices ㄱ ㄷ ㅂ: Ri Se Gwang, Kim Song Guk. */
const VOICED: Record<string, string> = { k: 'g', t: 'd', p: 'b' };
const MEDIALS = ['a', 'ae', 'ya', 'yae', 'o', 'e', 'yo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we', 'wi', 'yu', 'u', 'ui', 'i'];
const FINALS = [
  '',
  'k',
  'k',
  'k',
  'n',
  'n',
  'n',
  't',
  'l',
  'k',
  'm',
  'l',
  'l',
  'l',
  'p',
  'l',
  'm',
  'p',
  'p',
  't',
  't',
  'ng',
  't',
  't',
  'k',
  't',
  'p',
  't',
];

/** Names whose English spelling KCNA keeps from before its rules: 김일성 is Kim Il Sung, not Kim Il Song. */
const ESTABLISHED: Record<string, string> = { 김일성: 'Kim Il Sung' };

function syllable(ch: string, voiced: boolean): string {
  const code = ch.charCodeAt(0) - 0xac00;
  const initial = INITIALS[Math.floor(code / 588)]!;
  const medial = MEDIALS[Math.floor((code % 588) / 28)]!;
  const final = FINALS[code % 28]!;
  return (voiced ? (VOICED[initial] ?? initial) : initial) + medial + final;
}

const capital = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/**
 * "김정은" → "Kim Jong Un": the surname, then each syllable of the given name apart, as KCNA's
 * English service writes Korean names. `surnameLength` is 2 for 남궁, 황보 and the like.
 */
export function romanizeKoreanName(name: string, surnameLength = 1): string {
  if (ESTABLISHED[name]) return ESTABLISHED[name];
  const surname = [...name.slice(0, surnameLength)].map((ch) => syllable(ch, false)).join('');
  const given = [...name.slice(surnameLength)].map((ch, i) => capital(syllable(ch, i > 0)));
  return [capital(surname), ...given].join(' ');
}
