/**
 * `?present=<path>`: the browser build opened by `npm start -- --present LESSON` where the
 * desktop app cannot run. The local server serves the lesson file at a fixed path of the page's
 * own origin (scripts/start.mjs); the page fetches it (CSP `connect-src 'self'`), opens it and
 * starts present mode at the first slide. The browser may refuse full screen without a
 * gesture; present mode shows anyway. The desktop app uses `--present` on its command line
 * instead (electron/main/launch.ts).
 */
import { parseLessonText } from '../../../shared/lesson/parse.ts';
import type { AppStore } from '../store/types.ts';

/** The query parameter naming the lesson to present. */
export const PRESENT_PARAM = 'present';

/**
 * The same-origin URL `?present=` names in `location`, or null when there is none or it points
 * elsewhere (only a path on the page's own origin is fetched).
 */
export function presentLessonUrl(location: { search: string; origin: string }): string | null {
  const value = new URLSearchParams(location.search).get(PRESENT_PARAM);
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return null;
  }
  try {
    const url = new URL(value, location.origin);
    return url.origin === location.origin ? url.href : null;
  } catch {
    return null;
  }
}

/** The part of `fetch` this needs (tests pass a fake). */
export type FetchText = (
  url: string,
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

/**
 * Opens and presents the lesson `?present=` names, if any. A lesson that cannot be fetched or
 * read changes nothing and says why. Resolves true when present mode started.
 */
export async function presentFromLink(
  store: AppStore,
  location: { search: string; origin: string } = window.location,
  fetchText: FetchText = (url) => fetch(url, { cache: 'no-store' }),
): Promise<boolean> {
  const url = presentLessonUrl(location);
  if (url === null) {
    if (new URLSearchParams(location.search).has(PRESENT_PARAM)) {
      store.getState().notify('error', 'The lesson to present must come from this page’s server.');
    }
    return false;
  }
  let text: string;
  try {
    const response = await fetchText(url);
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    text = await response.text();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    store.getState().notify('error', `The lesson to present could not be loaded: ${reason}.`);
    return false;
  }
  if (!store.getState().openParsedLesson(parseLessonText(text))) return false;
  store.getState().startPresenting(0);
  return true;
}
