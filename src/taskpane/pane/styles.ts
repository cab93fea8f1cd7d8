import { makeStyles, tokens } from '@fluentui/react-components';
import { visuallyHidden } from '../theme';

/** The pane's own styles, shared by its parts. */
export const usePaneStyles = makeStyles({
  pane: {
    display: 'flex',
    flexDirection: 'column',
    gap: '12px',
    padding: '12px 16px',
    minWidth: 0,
    // Fields shrink with the pane (a 320 px pane at 200 % zoom is 160 CSS px wide).
    '& .fui-Input, & .fui-Select': { minWidth: 0, maxWidth: '100%' },
    '& .fui-Input input, & .fui-Select select': { minWidth: 0, width: '100%' },
    '& .fui-Switch, & .fui-Radio, & .fui-RadioGroup': { minWidth: 0, maxWidth: '100%' },
    '& .fui-Switch__label, & .fui-Radio__label': { minWidth: 0, overflowWrap: 'anywhere' },
    '@media (max-width: 200px)': { padding: '8px' },
  },
  hidden: visuallyHidden,
  intro: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  // "Valider igen" and the verdict stay in view while the findings and forms scroll (where the
  // pane is tall enough for that to leave room).
  sticky: {
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    minWidth: 0,
    '@media (min-height: 560px) and (min-width: 240px)': {
      position: 'sticky',
      top: 0,
      zIndex: 2,
      backgroundColor: tokens.colorNeutralBackground1,
      paddingTop: '4px',
      paddingBottom: '4px',
      boxShadow: `0 1px 0 ${tokens.colorNeutralStroke2}`,
    },
  },
  bannerActions: { flexWrap: 'wrap', minWidth: 0, maxWidth: '100%' },
  wrapButton: { whiteSpace: 'normal', height: 'auto', minWidth: 0, maxWidth: '100%', textAlign: 'left' },
  plainList: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '4px' },
  readAt: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  message: { overflowWrap: 'anywhere' },
  writeHeading: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: '4px 0 0 0',
    overflowWrap: 'anywhere',
  },
  section: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
});
