/**
 * Marks what it wraps as static while a slider is dragged (the surface, its contours, the
 * floor): the on-screen view may then draw it from a cache (staticLayer.ts). Put it directly in
 * a view kind's contents, so its group is a child of the scene. Exports draw it as a plain group.
 */
import type { ReactNode } from 'react';
import { STATIC_LAYER } from './staticLayer.ts';

const USER_DATA = { [STATIC_LAYER]: true };

export function StaticLayer({ children }: { children: ReactNode }) {
  return <group userData={USER_DATA}>{children}</group>;
}
