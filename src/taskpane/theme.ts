import { tokens, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

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

/** The heading button that opens and closes a part of the pane (an accordion's header). */
export const disclosureToggle = {
  display: 'flex',
  gap: '6px',
  alignItems: 'baseline',
  width: '100%',
  textAlign: 'left',
  padding: '2px 0',
  border: 'none',
  background: 'none',
  color: tokens.colorNeutralForeground1,
  font: 'inherit',
  cursor: 'pointer',
  overflowWrap: 'anywhere',
  ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
} as const;
