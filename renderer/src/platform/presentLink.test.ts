import { describe, expect, it, vi } from 'vitest';
import { calculusLesson } from '../../../shared/lesson/builtin.ts';
import { serializeLesson } from '../../../shared/lesson/document.ts';
import { createAppStore } from '../store/appStore.ts';
import { presentFromLink, presentLessonUrl } from './presentLink.ts';

const origin = 'http://127.0.0.1:4321';
const at = (search: string) => ({ search, origin });
const answer = (text: string, status = 200) =>
  vi.fn(async (_url: string) => ({ ok: status === 200, status, text: async () => text }));

describe('presentLessonUrl', () => {
  it('takes a path on the page’s own origin', () => {
    expect(presentLessonUrl(at('?present=%2Fpresent%2Flesson.descent-lesson.json'))).toBe(
      `${origin}/present/lesson.descent-lesson.json`,
    );
  });

  it.each([
    '',
    '?present',
    '?present=https%3A%2F%2Fevil.example%2Fx.json',
    '?present=%2F%2Fevil.example%2Fx.json',
    '?present=relative.json',
    '?present=%2F%5Cevil.example',
  ])('refuses %s', (search) => {
    expect(presentLessonUrl(at(search))).toBeNull();
  });
});

describe('presentFromLink', () => {
  it('fetches, opens and presents the lesson from its first slide', async () => {
    const store = createAppStore();
    const fetchText = answer(serializeLesson(calculusLesson()));
    const ok = await presentFromLink(
      store,
      at('?present=/present/lesson.descent-lesson.json'),
      fetchText,
    );
    expect(ok).toBe(true);
    expect(fetchText).toHaveBeenCalledWith(`${origin}/present/lesson.descent-lesson.json`);
    expect(store.getState().lesson?.title).toBe(calculusLesson().title);
    expect(store.getState().presentation?.slide).toBe(0);
  });

  it('does nothing without ?present', async () => {
    const store = createAppStore();
    const fetchText = answer('');
    expect(await presentFromLink(store, at(''), fetchText)).toBe(false);
    expect(fetchText).not.toHaveBeenCalled();
    expect(store.getState().notice).toBeNull();
  });

  it.each([
    ['a foreign URL', '?present=https://evil.example/x.json', answer(''), /this page’s server/],
    ['a missing file', '?present=/present/x.json', answer('', 404), /could not be loaded.*404/],
    ['a scene', '?present=/present/x.json', answer('{"version": 1, "runs": []}'), /scene file/],
  ])('refuses %s with a message and changes nothing', async (_what, search, fetchText, message) => {
    const store = createAppStore();
    const before = store.getState().scene;
    expect(await presentFromLink(store, at(search), fetchText)).toBe(false);
    expect(store.getState().lesson).toBeNull();
    expect(store.getState().presentation).toBeNull();
    expect(store.getState().scene).toBe(before);
    expect(store.getState().notice).toMatchObject({
      kind: 'error',
      text: expect.stringMatching(message),
    });
  });
});
