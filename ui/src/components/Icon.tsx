// A few Designers Italia icons (bootstrap-italia's sprite, BSD-3-Clause), inlined as React
// SVG so that they follow `currentColor` (and so the high-contrast palette) with no extra file.
const PATHS = {
  calendar:
    "M20.5 4H17V3h-1v1H8V3H7v1H3.5C2.7 4 2 4.7 2 5.5v13c0 .8.7 1.5 1.5 1.5h17c.8 0 1.5-.7 1.5-1.5v-13c0-.8-.7-1.5-1.5-1.5zm.5 14.5c0 .3-.2.5-.5.5h-17c-.3 0-.5-.2-.5-.5v-13c0-.3.2-.5.5-.5H7v1h1V5h8v1h1V5h3.5c.3 0 .5.2.5.5v13zM4 8h16v1H4V8z",
  list: "M4 12c.1.5-.3.9-.8 1H3c-.6 0-1-.4-1-1s.4-1 1-1c.5-.1.9.3 1 .8v.2zM3 4.5c-.5-.1-.9.3-1 .8v.2c-.1.5.3.9.8 1H3c.5.1.9-.3 1-.8v-.2c.1-.5-.3-.9-.8-1H3zm0 13c-.6 0-1 .4-1 1s.4 1 1 1 1-.4 1-1-.4-1-1-1zM6 5v1h16V5H6zm0 7.5h16v-1H6v1zM6 19h16v-1H6v1z",
  info: "M12 2C6.5 2 2 6.5 2 12s4.5 10 10 10 10-4.5 10-10S17.5 2 12 2zm0 19c-5 0-9-4-9-9s4-9 9-9 9 4 9 9-4 9-9 9zm-.7-15h1.5v2h-1.5V6zm0 3h1.5v9h-1.5V9z",
  files:
    "M15.7 2H7.5C6.7 2 6 2.7 6 3.5V4h-.5C4.7 4 4 4.7 4 5.5v15c0 .8.7 1.5 1.5 1.5h11c.8 0 1.5-.7 1.5-1.5V20h.5c.8 0 1.5-.7 1.5-1.5V6.3L15.7 2zm.3 1.7L18.3 6h-1.8c-.3 0-.5-.2-.5-.5V3.7zm1 16.8c0 .3-.2.5-.5.5h-11c-.3 0-.5-.2-.5-.5v-15c0-.3.2-.5.5-.5H6v13.5c0 .8.7 1.5 1.5 1.5H17v.5zm1.5-1.5h-11c-.3 0-.5-.2-.5-.5v-15c0-.3.2-.5.5-.5H15v2.5c0 .8.7 1.5 1.5 1.5H19v11.5c0 .3-.2.5-.5.5zM9 9h8v1H9V9zm0 2h8v1H9v-1zm0 2h4v1H9v-1z",
} as const;

export type IconName = keyof typeof PATHS;

/** Decorative icon: hidden from assistive technology; the text next to it carries the meaning. */
export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={className === undefined ? "cup-icon" : `cup-icon ${className}`}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <path fill="currentColor" d={PATHS[name]} />
    </svg>
  );
}
