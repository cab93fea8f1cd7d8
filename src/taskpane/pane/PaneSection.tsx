import { Text } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import { usePaneStyles as useStyles } from './styles';

/**
 * A part of the pane with a heading (and a line of introduction): the actions, Status,
 * Aktivitetsprognose. A collapsible one opens on a click on its heading.
 */
export function PaneSection({
  id,
  heading,
  intro,
  collapsible = false,
  children,
}: {
  id: string;
  heading: string;
  intro?: string;
  collapsible?: boolean;
  children: ReactNode;
}) {
  const styles = useStyles();
  const [open, setOpen] = useState(!collapsible);
  return (
    <section className={styles.section} aria-labelledby={`${id}-heading`}>
      <h2 className={styles.writeHeading}>
        {collapsible ? (
          <button
            type="button"
            id={`${id}-heading`}
            className={styles.sectionToggle}
            aria-expanded={open}
            aria-controls={`${id}-content`}
            onClick={() => setOpen((o) => !o)}
          >
            <span aria-hidden="true" className={styles.chevron}>
              {open ? '▾' : '▸'}
            </span>
            {heading}
          </button>
        ) : (
          <span id={`${id}-heading`}>{heading}</span>
        )}
      </h2>
      <div
        id={`${id}-content`}
        className={styles.section}
        hidden={!open}
        style={open ? undefined : { display: 'none' }}
      >
        {intro && <Text className={styles.intro}>{intro}</Text>}
        {children}
      </div>
    </section>
  );
}
