import { Text } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import { DisclosureToggle, shownWhen } from '../Disclosure';
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
          <DisclosureToggle
            id={`${id}-heading`}
            controls={`${id}-content`}
            open={open}
            onToggle={() => setOpen((o) => !o)}
          >
            {heading}
          </DisclosureToggle>
        ) : (
          <span id={`${id}-heading`}>{heading}</span>
        )}
      </h2>
      <div id={`${id}-content`} className={styles.section} {...shownWhen(open)}>
        {intro && <Text className={styles.intro}>{intro}</Text>}
        {children}
      </div>
    </section>
  );
}
