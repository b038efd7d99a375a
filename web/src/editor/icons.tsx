// Toolbar icons, 20 × 20, drawn with currentColor so they follow the button's text colour.
import type { ReactNode } from 'react';

function svg(children: ReactNode, options: { strokeWidth?: number; fill?: string } = {}) {
  return (
    <svg
      viewBox="0 0 20 20"
      fill={options.fill ?? 'none'}
      stroke="currentColor"
      strokeWidth={options.strokeWidth ?? 1.7}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {children}
    </svg>
  );
}

export const icons = {
  polygon: svg(
    <>
      <path d="M4 7l6-4 6 5-2 8H6z" />
      <circle cx="4" cy="7" r="1.4" fill="currentColor" />
      <circle cx="10" cy="3" r="1.4" fill="currentColor" />
      <circle cx="16" cy="8" r="1.4" fill="currentColor" />
    </>,
  ),
  rectangle: svg(<rect x="3" y="5" width="14" height="10" rx="0.5" />),
  angledRectangle: svg(<path d="M3 12l9-8 5 5.5-9 8z" />),
  coordinates: svg(
    <>
      <path d="M3 6h14M3 10h14M3 14h9" />
      <path d="M15 13l2 2-2 2" />
    </>,
  ),
  gps: svg(
    <>
      <circle cx="10" cy="10" r="5" />
      <circle cx="10" cy="10" r="1.6" fill="currentColor" />
      <path d="M10 2v3M10 15v3M2 10h3M15 10h3" />
    </>,
  ),
  undo: svg(
    <>
      <path d="M7 5L3 9l4 4" />
      <path d="M3 9h9a5 5 0 010 10h-2" />
    </>,
  ),
  redo: svg(
    <>
      <path d="M13 5l4 4-4 4" />
      <path d="M17 9H8a5 5 0 000 10h2" />
    </>,
  ),
  deleteVertex: svg(
    <>
      <path d="M4 15l5-10 7 6" />
      <circle cx="9" cy="5" r="2" />
      <path d="M13 14l4 4M17 14l-4 4" />
    </>,
  ),
  close: svg(<path d="M5 5l10 10M15 5L5 15" />),
  download: svg(<path d="M10 3v10M6 9l4 4 4-4M4 16h12" />),
  edit: svg(<path d="M4 16l1-4 8-8 3 3-8 8z" />),
  zoom: svg(
    <>
      <circle cx="9" cy="9" r="5" />
      <path d="M13 13l4 4M7 9h4M9 7v4" />
    </>,
  ),
  check: svg(<path d="M4.5 10.5l3.5 3.5 7.5-8" />, { strokeWidth: 2.2 }),
  cross: svg(<path d="M5.5 5.5l9 9M14.5 5.5l-9 9" />, { strokeWidth: 2.2 }),
  question: svg(
    <>
      <path d="M7.5 7.5a2.5 2.5 0 115 .3c0 1.7-2.5 2-2.5 3.7" />
      <circle cx="10" cy="14.8" r="0.6" fill="currentColor" />
    </>,
    { strokeWidth: 2 },
  ),
  back: svg(<path d="M12 4l-6 6 6 6" />),
  star: svg(<path d="M10 2.8l2.2 4.6 5 .6-3.7 3.4 1 5-4.5-2.5-4.5 2.5 1-5L2.8 8l5-.6z" />, {
    strokeWidth: 1.2,
    fill: 'currentColor',
  }),
};
