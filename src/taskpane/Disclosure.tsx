import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  toggle: {
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
  },
  chevron: { flexShrink: 0, width: '1em' },
});

/**
 * The heading button that opens and closes a part of the pane (an accordion's header, WAI-ARIA
 * disclosure): an action's form, the Status section.
 */
export function DisclosureToggle({
  id,
  controls,
  open,
  onToggle,
  children,
}: {
  id: string;
  controls: string;
  open: boolean;
  onToggle: () => void;
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <button
      type="button"
      id={id}
      className={styles.toggle}
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
    >
      <span aria-hidden="true" className={styles.chevron}>
        {open ? '▾' : '▸'}
      </span>
      {children}
    </button>
  );
}

/** The props that hide a closed part (its own display style would otherwise override `hidden`). */
export const shownWhen = (open: boolean) => ({ hidden: !open, style: open ? undefined : { display: 'none' } });
