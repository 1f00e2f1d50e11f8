/** The current grid's view frame, for components (one shared object per grid). */
import { useApp } from '../../store/hooks.ts';
import { frameOf } from './frame.ts';
import type { ViewFrame } from './frame.ts';

export function useViewFrame(): ViewFrame | null {
  return useApp((s) => frameOf(s.surface));
}
