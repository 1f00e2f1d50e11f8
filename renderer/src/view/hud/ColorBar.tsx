/**
 * The colour bar over the view (when the overlay is on and the kind draws a surface): the colour
 * map with ticks in f units, log ticks on a log scale, and an arrowhead at the top end when the
 * surface is clamped there. Vertical against the right edge, or horizontal under the plot on a
 * narrow view; laid out by colorBar.ts for the view's size, the same way an export burns it in.
 * The camera keeps its room free of the plot.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApp } from '../../store/hooks.ts';
import { currentInfo } from '../../store/problemInfo.ts';
import { tickLabel } from '../plot/ticks.ts';
import { overlayShown } from '../registry.ts';
import { colorMappingOf } from '../surface/colorScale.ts';
import {
  COLOR_BAR,
  COLOR_STOPS,
  colorBarContent,
  colorBarLayout,
  colorBarTicks,
  colorBarTitle,
} from './colorBar.ts';
import './ColorBar.css';

const GRADIENT_UP = `linear-gradient(to top, ${COLOR_STOPS.join(', ')})`;
const GRADIENT_RIGHT = `linear-gradient(to right, ${COLOR_STOPS.join(', ')})`;
const TOP_COLOR = COLOR_STOPS[COLOR_STOPS.length - 1];

export function ColorBar() {
  const shown = useApp((s) => overlayShown(s.scene, 'colorBar'));
  const surface = useApp((s) => s.surface);
  const mapping = useApp((s) =>
    colorMappingOf(s.surface, s.scene.view.colorScale, currentInfo(s)?.colorScale ?? null),
  );
  const theme = useApp((s) => s.scene.view.theme);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);

  // The canvas's size, which the layout scales with: R3F's wrapper is the view's first child,
  // at its top-left corner, and may end above the view's bottom strip (caption, camera buttons).
  const marker = useRef<HTMLSpanElement | null>(null);
  useEffect(() => {
    const parent = marker.current?.parentElement?.firstElementChild;
    if (!parent) return;
    const read = (): void => {
      const { width, height } = parent.getBoundingClientRect();
      setSize((old) =>
        old && old.width === width && old.height === height ? old : { width, height },
      );
    };
    read();
    const observer = new ResizeObserver(read);
    observer.observe(parent);
    return () => observer.disconnect();
  }, []);

  const content = useMemo(
    () =>
      shown && surface && mapping && surface.ny > 1
        ? colorBarContent(mapping, surface.max, theme)
        : null,
    [shown, surface, mapping, theme],
  );
  if (!content || !size || !mapping) return <span ref={marker} hidden />;
  const box = colorBarLayout(size.width, size.height);
  const vertical = box.orientation === 'vertical';
  const s = box.scale;
  const px = (v: number): string => `${v}px`;
  const from = tickLabel(mapping.lo);
  const to = tickLabel(mapping.hi);
  const barLeft = box.barX - box.x;
  const barTop = box.barY - box.y;
  const tip = 7 * s;
  return (
    <>
      <span ref={marker} hidden />
      <div
        className={`color-bar ${box.orientation}`}
        data-testid="colour-bar"
        data-scale={content.scale}
        data-orientation={box.orientation}
        role="img"
        aria-label={`Colour scale (${content.scale}): f from ${from} to ${to}${content.beyond ? ' and above' : ''}`}
        style={{
          left: px(box.x),
          top: px(box.y),
          width: px(box.width),
          height: px(box.height),
          fontSize: px(COLOR_BAR.font * s),
          borderRadius: px(8 * s),
        }}
      >
        <span
          className="color-bar-title"
          style={
            vertical
              ? { left: px(barLeft), top: px((COLOR_BAR.pad - 1) * s) }
              : { left: px(COLOR_BAR.pad * s), top: px(barTop + box.barHeight / 2) }
          }
        >
          {colorBarTitle(content)}
        </span>
        <div
          className="color-bar-gradient"
          style={{
            left: px(barLeft),
            top: px(barTop),
            width: px(box.barWidth),
            height: px(box.barHeight),
            background: vertical ? GRADIENT_UP : GRADIENT_RIGHT,
          }}
        />
        {content.beyond && (
          <div
            className="color-bar-beyond"
            style={
              vertical
                ? {
                    left: px(barLeft),
                    top: px(barTop - tip),
                    borderWidth: `0 ${px(box.barWidth / 2)} ${px(tip)}`,
                    borderColor: `transparent transparent ${TOP_COLOR}`,
                  }
                : {
                    left: px(barLeft + box.barWidth),
                    top: px(barTop),
                    borderWidth: `${px(box.barHeight / 2)} 0 ${px(box.barHeight / 2)} ${px(tip)}`,
                    borderColor: `transparent transparent transparent ${TOP_COLOR}`,
                  }
            }
          />
        )}
        {colorBarTicks(content, box).map((tick) => {
          const style = vertical
            ? { left: px(barLeft + box.barWidth), top: px(barTop + (1 - tick.t) * box.barHeight) }
            : { left: px(barLeft + tick.t * box.barWidth), top: px(barTop + box.barHeight) };
          return (
            <span key={tick.label} className="color-bar-tick" style={style}>
              <span
                className="color-bar-mark"
                style={
                  vertical ? { width: px(COLOR_BAR.tick * s) } : { height: px(COLOR_BAR.tick * s) }
                }
              />
              <span
                style={
                  vertical
                    ? { marginLeft: px(COLOR_BAR.gap * s) }
                    : { marginTop: px(COLOR_BAR.gap * s) }
                }
              >
                {tick.label}
              </span>
            </span>
          );
        })}
      </div>
    </>
  );
}
