import { describe, expect, it } from 'vitest';
import { defaultScene, SCENE_VERSION } from '../../../shared/scene/document.ts';
import {
  decodeBase64Url,
  encodeBase64Url,
  readFragment,
  sceneFragment,
  shareAddressProblem,
  shareUrl,
} from './shareLink.ts';

describe('base64url', () => {
  it.each(['', 'f', 'fo', 'foo', 'η = 1.1 → ∇f', '{"a":[1,2,3]}', '??>>'])(
    'round-trips %j',
    (text) => {
      const encoded = encodeBase64Url(text);
      expect(encoded).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(decodeBase64Url(encoded)).toBe(text);
    },
  );

  it('refuses characters outside the alphabet and broken UTF-8', () => {
    expect(decodeBase64Url('abc$')).toBeNull();
    expect(decodeBase64Url('a')).toBeNull();
    // 0xff alone is not UTF-8.
    expect(decodeBase64Url('_w')).toBeNull();
  });
});

describe('scene links', () => {
  it('a scene survives the link unchanged', () => {
    const scene = defaultScene();
    scene.title = 'Three learning rates — η';
    const request = readFragment(sceneFragment(scene));
    expect(request.kind).toBe('scene');
    if (request.kind === 'scene') expect(request.parse).toEqual({ ok: true, scene });
  });

  it('replaces an existing fragment in the share URL', () => {
    const url = shareUrl('http://localhost:4173/#preset=lr-compare', defaultScene());
    expect(url.startsWith('http://localhost:4173/#scene=')).toBe(true);
  });

  it('refuses a newer format with a message that says so', () => {
    const newer = { ...defaultScene(), version: SCENE_VERSION + 1 };
    const request = readFragment(`#scene=${encodeBase64Url(JSON.stringify(newer))}`);
    expect(request.kind).toBe('scene');
    if (request.kind === 'scene') {
      expect(request.parse.ok).toBe(false);
      if (!request.parse.ok) expect(request.parse.message).toMatch(/newer/);
    }
  });

  it.each([
    ['not base64', '#scene=%%%'],
    ['not JSON', `#scene=${encodeBase64Url('{oops')}`],
    ['not a scene', `#scene=${encodeBase64Url('{"version":1}')}`],
  ])('refuses a damaged link (%s)', (_, hash) => {
    const request = readFragment(hash);
    expect(request.kind).toBe('scene');
    if (request.kind === 'scene') expect(request.parse.ok).toBe(false);
  });

  it('reads presets and ignores other fragments', () => {
    expect(readFragment('#preset=lr-compare')).toEqual({ kind: 'preset', id: 'lr-compare' });
    expect(readFragment('')).toEqual({ kind: 'none' });
    expect(readFragment('#something')).toEqual({ kind: 'none' });
  });
});

describe('where desktop share links point', () => {
  it('refuses addresses nobody outside the app could open', () => {
    expect(shareAddressProblem('')).toMatch(/Enter the address/);
    expect(shareAddressProblem('   ')).toMatch(/Enter the address/);
    for (const bad of ['app://descent/index.html', 'file:///home/me/index.html', 'not a url']) {
      expect(shareAddressProblem(bad)).toMatch(/https:\/\//);
    }
    expect(shareAddressProblem(' https://descent.example.org/studio/ ')).toBeNull();
    expect(shareAddressProblem('http://localhost:4173/')).toBeNull();
  });

  it('builds the link on the web build address', () => {
    const url = shareUrl('https://descent.example.org/studio/', defaultScene());
    expect(url.startsWith('https://descent.example.org/studio/#scene=')).toBe(true);
    const request = readFragment(new URL(url).hash);
    expect(request.kind).toBe('scene');
    if (request.kind === 'scene')
      expect(request.parse).toEqual({ ok: true, scene: defaultScene() });
  });
});
