/**
 * The desktop bridge, when the renderer runs inside the Electron app (the preload puts it on
 * `window.descent`), or null in a plain browser. Every platform-dependent path starts here.
 * @see ../../../shared/bridge.ts for the contract.
 */
import { BRIDGE_GLOBAL } from '../../../shared/bridge.ts';
import type { DescentBridge } from '../../../shared/bridge.ts';

export const bridge: DescentBridge | null =
  ((globalThis as Record<string, unknown>)[BRIDGE_GLOBAL] as DescentBridge | undefined) ?? null;

/** True inside the desktop app. */
export const isDesktop = bridge !== null;
