/** The colour mapping of the current grid under the scene's colour scale (one object per grid). */
import { useApp } from '../../store/hooks.ts';
import { currentInfo } from '../../store/problemInfo.ts';
import { colorMappingOf } from './colorScale.ts';
import type { ColorMapping } from './colorScale.ts';

export function useColorMapping(): ColorMapping | null {
  return useApp((s) =>
    colorMappingOf(s.surface, s.scene.view.colorScale, currentInfo(s)?.colorScale ?? null),
  );
}
