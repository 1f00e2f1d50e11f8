/**
 * A stand-in for CanvasRenderingContext2D in unit tests of the figures' draw functions: it
 * measures text by a fixed width per character, keeps the state that text placement needs,
 * and records every call, so a test can check that no drawing call got a non-finite number and
 * that all text lies inside the canvas.
 */

export interface TextCall {
  text: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface FakeCanvas {
  ctx: CanvasRenderingContext2D;
  /** Calls whose numeric arguments were not all finite, as 'name(args)'. */
  nonFinite: string[];
  texts: TextCall[];
  /** Number of calls per method name. */
  counts: Map<string, number>;
}

interface State {
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
}

function fontPx(font: string): number {
  const m = /([\d.]+)px/.exec(font);
  return m ? Number(m[1]) : 10;
}

export function fakeCanvas(): FakeCanvas {
  const nonFinite: string[] = [];
  const texts: TextCall[] = [];
  const counts = new Map<string, number>();
  let state: State = { font: '10px sans-serif', textAlign: 'start', textBaseline: 'alphabetic' };
  const stack: State[] = [];
  const measure = (text: string) => ({ width: text.length * fontPx(state.font) * 0.55 });
  const text = (t: string, x: number, y: number, maxWidth?: number) => {
    let width = measure(t).width;
    if (maxWidth !== undefined) width = Math.min(width, maxWidth);
    const height = fontPx(state.font);
    const align = state.textAlign;
    const left =
      align === 'center' ? x - width / 2 : align === 'right' || align === 'end' ? x - width : x;
    const base = state.textBaseline;
    const top = base === 'top' ? y : base === 'middle' ? y - height / 2 : y - height;
    texts.push({ text: t, left, top, width, height });
  };
  const target: Record<string, unknown> = {
    save: () => stack.push({ ...state }),
    restore: () => {
      state = stack.pop() ?? state;
    },
    measureText: measure,
    fillText: text,
    strokeText: text,
  };
  const ctx = new Proxy(target, {
    get(t, key: string) {
      if (key in state) return state[key as keyof State];
      if (key in t) {
        const fn = t[key];
        if (typeof fn !== 'function') return fn;
        return (...args: unknown[]) => {
          record(key, args);
          return (fn as (...a: unknown[]) => unknown)(...args);
        };
      }
      // Any other method: record it, do nothing.
      return (...args: unknown[]) => record(key, args);
    },
    set(t, key: string, value) {
      if (key in state) (state as unknown as Record<string, unknown>)[key] = value;
      else t[key] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
  function record(name: string, args: unknown[]): void {
    counts.set(name, (counts.get(name) ?? 0) + 1);
    const numbers = args.flat().filter((a) => typeof a === 'number');
    if (numbers.some((n) => !Number.isFinite(n))) nonFinite.push(`${name}(${args.join(', ')})`);
  }
  return { ctx, nonFinite, texts, counts };
}

/** The texts that reach outside [0, width] × [0, height] (by more than half a pixel). */
export function textsOutside(texts: readonly TextCall[], width: number, height: number) {
  return texts.filter(
    (t) =>
      t.left < -0.5 ||
      t.top < -0.5 ||
      t.left + t.width > width + 0.5 ||
      t.top + t.height > height + 0.5,
  );
}
