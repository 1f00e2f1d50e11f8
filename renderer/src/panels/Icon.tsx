/**
 * Small inline SVG icons. Glyphs such as ⏮ or ⧉ are missing from many system fonts (they drew
 * as empty boxes on Linux), and icon fonts would mean shipping font files; paths always work.
 */
const PATHS = {
  play: 'M4 2.5v11l9-5.5z',
  pause: 'M4 2.5h3v11H4zM9 2.5h3v11H9z',
  stepBack: 'M3 2.5h2v11H3zM14 2.5v11L6 8z',
  stepForward: 'M11 2.5h2v11h-2zM2 2.5v11L10 8z',
  duplicate: 'M5 1.5h8.5V10H12V3H5zM2.5 4.5H11V14H2.5zM4 6v6.5h5.5V6z',
  eye: 'M8 3.5C4.5 3.5 2 6.2 1 8c1 1.8 3.5 4.5 7 4.5s6-2.7 7-4.5c-1-1.8-3.5-4.5-7-4.5zm0 7.2A2.7 2.7 0 1 1 8 5.3a2.7 2.7 0 0 1 0 5.4z',
  eyeOff:
    'M2 2.8 3 1.8l11 11.4-1 1-2.2-2.2A7.6 7.6 0 0 1 8 12.5C4.5 12.5 2 9.8 1 8c.6-1.1 1.7-2.5 3.2-3.4zm6 1A7 7 0 0 1 15 8a9.4 9.4 0 0 1-2 2.6L6.6 3.9A7.6 7.6 0 0 1 8 3.8z',
  close:
    'M3.5 2.4 8 6.9l4.5-4.5 1.1 1.1L9.1 8l4.5 4.5-1.1 1.1L8 9.1l-4.5 4.5-1.1-1.1L6.9 8 2.4 3.5z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 14 }: { name: IconName; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      className="icon-svg"
    >
      <path d={PATHS[name]} fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}
