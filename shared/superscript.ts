/** Unicode superscript digits and minus, for exponents written inline in plain text. */
const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '-': '⁻',
};

/** `text` with its digits and minus signs raised (x^12 → x¹²); other characters unchanged. */
export function superscript(text: string): string {
  return [...text].map((c) => SUPERSCRIPTS[c] ?? c).join('');
}
