import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

/** Follows Office's theme where Office gives one: a dark body background means the dark theme. */
export function themeFor(officeTheme?: { bodyBackgroundColor?: string } | null): Theme {
  const hex = officeTheme?.bodyBackgroundColor?.replace('#', '');
  if (!hex || hex.length < 6) return webLightTheme;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance < 0.5 ? webDarkTheme : webLightTheme;
}

/** Read by screen readers, not shown: the one style for it. */
export const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;
