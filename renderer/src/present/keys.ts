/**
 * Present mode's keys, as presentation clickers send them: → ↓ PageDown Space Enter forward,
 * ← ↑ PageUp back, Home/End first and last slide, a slide number then Enter to jump, B or . to
 * black the screen, Esc to leave. Pure, so the table is tested without a page.
 */

export type PresentKeyAction =
  | { kind: 'forward' }
  | { kind: 'back' }
  | { kind: 'goto'; slide: number }
  | { kind: 'first' }
  | { kind: 'last' }
  | { kind: 'blackout' }
  | { kind: 'exit' }
  | { kind: 'digit'; typed: string }
  | { kind: 'play' };

/**
 * What a key press does, given the digits typed so far (`typed`, '' when none). Null: the key
 * is not present mode's. A number typed then Enter jumps to that slide (1-based, as shown).
 */
export function presentKey(key: string, typed: string): PresentKeyAction | null {
  if (/^[0-9]$/.test(key)) return { kind: 'digit', typed: (typed + key).slice(-4) };
  switch (key) {
    case 'Enter':
      return typed ? { kind: 'goto', slide: Number(typed) - 1 } : { kind: 'forward' };
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
    case ' ':
    case 'n':
    case 'N':
      return { kind: 'forward' };
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'Backspace':
    case 'p':
    case 'P':
      return { kind: 'back' };
    case 'Home':
      return { kind: 'first' };
    case 'End':
      return { kind: 'last' };
    case 'b':
    case 'B':
    case '.':
      return { kind: 'blackout' };
    case 'Escape':
      return { kind: 'exit' };
    case 'k':
    case 'K':
      return { kind: 'play' };
    default:
      return null;
  }
}
