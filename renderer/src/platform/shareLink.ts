/**
 * Share links: a whole scene in the URL fragment (`#scene=<base64url JSON>`) or a chapter preset
 * by id (`#preset=<id>`). The fragment never reaches a server, so links work from any static
 * host. The desktop app's own page is `app://`, which opens nowhere else: there links point at
 * the public web build, whose address the share dialog keeps in the settings.
 */
import { shareBaseUrlSchema } from '../../../shared/bridge.ts';
import { parseSceneText } from '../../../shared/scene/parse.ts';
import type { Scene } from '../../../shared/scene/document.ts';
import type { SceneParse } from '../../../shared/scene/parse.ts';

/** UTF-8 text → base64url without padding (RFC 4648 §5). */
export function encodeBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  // Chunked so a long scene does not exceed the argument limit of String.fromCharCode.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url (padding optional) → UTF-8 text; null when the input is not valid base64url/UTF-8. */
export function decodeBase64Url(encoded: string): string | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(encoded)) return null;
  const base64 = encoded.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (base64.length % 4 === 1) return null;
  try {
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The fragment (with leading '#') that carries a scene. */
export function sceneFragment(scene: Scene): string {
  return `#scene=${encodeBase64Url(JSON.stringify(scene))}`;
}

/** A full share URL: the page address without its old fragment, plus the scene fragment. */
export function shareUrl(pageUrl: string, scene: Scene): string {
  const hashAt = pageUrl.indexOf('#');
  const base = hashAt >= 0 ? pageUrl.slice(0, hashAt) : pageUrl;
  return base + sceneFragment(scene);
}

/** Why `text` cannot be the public web build's address (desktop share links), or null. */
export function shareAddressProblem(text: string): string | null {
  const url = text.trim();
  if (url === '') return 'Enter the address where the browser version of Descent Studio is served.';
  return shareBaseUrlSchema.safeParse(url).success
    ? null
    : 'Use a full web address starting with https:// (or http://).';
}

/** What a URL fragment asks for. */
export type FragmentRequest =
  { kind: 'scene'; parse: SceneParse } | { kind: 'preset'; id: string } | { kind: 'none' };

/**
 * Reads a location fragment (`location.hash`, with or without '#'). A scene fragment is decoded
 * and validated with parseScene, so a malformed or newer-version link yields a message.
 */
export function readFragment(hash: string): FragmentRequest {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const params = new URLSearchParams(body);
  const scene = params.get('scene');
  if (scene !== null) {
    const text = decodeBase64Url(scene.trim());
    if (text === null) {
      return {
        kind: 'scene',
        parse: {
          ok: false,
          message: 'The link is damaged: its scene data is not valid base64url.',
        },
      };
    }
    const parse = parseSceneText(text);
    return {
      kind: 'scene',
      parse: parse.ok
        ? parse
        : { ok: false, message: `Could not open the linked scene. ${parse.message}` },
    };
  }
  const preset = params.get('preset');
  if (preset !== null) return { kind: 'preset', id: preset.trim() };
  return { kind: 'none' };
}
