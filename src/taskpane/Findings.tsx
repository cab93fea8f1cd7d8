import { visuallyHidden } from './theme';
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState, type ReactNode } from 'react';
import { fixButtonText, groupText, keepTogether, paneText, unbroken, verdictText } from '../addin/text';
import { spanOf } from '../core/build/fixes';
import { SEVERITY_ORDER, type Finding, type Severity } from '../core/model/findings';
import { shownWhen } from './Disclosure';
import { initiativeNames, type Place } from './verdict';

const useStyles = makeStyles({
  place: { marginBottom: '12px', minWidth: 0 },
  heading: {
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    margin: '8px 0 4px 0',
    overflowWrap: 'anywhere',
  },
  counts: { display: 'block', fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2 },
  list: { listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: '4px' },
  nested: {
    listStyle: 'none',
    padding: '0 0 0 12px',
    margin: '4px 0 0 0',
    display: 'flex',
    flexDirection: 'column',
    gap: '4px',
  },
  group: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '6px 8px',
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
    minWidth: 0,
  },
  groupTitle: { overflowWrap: 'anywhere' },
  toggle: {
    alignSelf: 'flex-start',
    border: 'none',
    background: 'none',
    padding: 0,
    font: 'inherit',
    color: tokens.colorBrandForegroundLink,
    textDecoration: 'underline',
    cursor: 'pointer',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  button: {
    display: 'flex',
    gap: '6px',
    width: '100%',
    textAlign: 'left',
    padding: '6px 8px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    font: 'inherit',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':hover .finding-cell': { textDecoration: 'underline' },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  body: { flex: 1, minWidth: 0 },
  chevron: { flexShrink: 0, alignSelf: 'center', color: tokens.colorBrandForegroundLink, fontSize: '16px' },
  cell: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere', color: tokens.colorBrandForegroundLink },
  initiative: { display: 'block', marginTop: '2px', fontStyle: 'italic', overflowWrap: 'anywhere' },
  code: {
    display: 'block',
    marginTop: '2px',
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase100,
    overflowWrap: 'anywhere',
  },
  message: { display: 'block', marginTop: '2px', overflowWrap: 'anywhere' },
  hidden: visuallyHidden,
});

const BADGE: Record<Severity, 'danger' | 'warning' | 'informative'> = {
  error: 'danger',
  warning: 'warning',
  info: 'informative',
};

/** Findings of one code at one place, in the order they were found. */
interface Group {
  code: Finding['code'];
  severity: Severity;
  findings: Finding[];
}

/** A place's findings by kind, the most serious first. */
export function groupsOf(findings: readonly Finding[]): Group[] {
  const byCode = new Map<string, Group>();
  for (const f of findings) {
    const g = byCode.get(f.code);
    if (g) g.findings.push(f);
    else byCode.set(f.code, { code: f.code, severity: f.severity, findings: [f] });
  }
  return [...byCode.values()].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
}

/** What a group is called: its kind and where ("54 beløb er gemt som tekst (F22:N28)"). */
export function groupTitle(g: Group): string {
  const n = g.findings.length;
  const name = groupText[g.code](n);
  const sheets = new Set(g.findings.map((f) => f.sheet));
  return sheets.size === 1 ? `${name} (${spanOf(g.findings)})` : name;
}

export interface FindingsListProps {
  places: Place[];
  onSelect: (f: Finding) => void;
  /** The fixes a group has, through the usual preview (rendered by the pane, which can write). */
  renderFix?: (findings: Finding[], title: string) => ReactNode;
}

export function FindingsList({ places, onSelect, renderFix }: FindingsListProps) {
  const styles = useStyles();
  // Worked out once per reading (a plan's rows are looked through), not on every render.
  const names = useMemo(() => places.map((p) => initiativeNames(p.plan)), [places]);
  return (
    <div data-findings>
      {places.map((place, p) => {
        const id = `findings-${p}`;
        const name = names[p];
        const n = (s: Severity) => place.findings.filter((f) => f.severity === s).length;
        return (
          <section key={place.key} className={styles.place} aria-labelledby={id} data-place={place.key}>
            <h2 id={id} className={styles.heading}>
              {keepTogether(place.title)}
              <span className={styles.counts}>{verdictText.placeCounts(n('error'), n('warning'), n('info'))}</span>
            </h2>
            <ul className={styles.list}>
              {groupsOf(place.findings).map((g) =>
                g.findings.length === 1 ? (
                  <li key={g.code}>
                    <FindingButton f={g.findings[0]} initiative={name(g.findings[0])} onSelect={onSelect} />
                    {renderFix?.(g.findings, groupTitle(g))}
                  </li>
                ) : (
                  <GroupItem key={g.code} group={g} name={name} onSelect={onSelect} renderFix={renderFix} />
                ),
              )}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

function GroupItem({
  group,
  name,
  onSelect,
  renderFix,
}: {
  group: Group;
  name: (f: Finding) => string | null;
  onSelect: (f: Finding) => void;
  renderFix?: FindingsListProps['renderFix'];
}) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const title = groupTitle(group);
  const listId = `group-${group.code}-${group.findings[0].sheet}-${group.findings[0].cell}`.replace(/[^\w-]/g, '_');
  return (
    <li className={styles.group} data-group={group.code}>
      <span className={styles.groupTitle}>
        <Badge appearance="filled" color={BADGE[group.severity]} shape="rounded">
          {paneText.groups[group.severity]}
        </Badge>{' '}
        {keepTogether(title)}
      </span>
      {renderFix?.(group.findings, title)}
      <button
        type="button"
        className={styles.toggle}
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? fixButtonText.hideAll : fixButtonText.showAll(group.findings.length)}
      </button>
      <ul id={listId} className={styles.nested} {...shownWhen(open)}>
        {open &&
          group.findings.map((f, i) => (
            <li key={`${f.sheet}-${f.cell}-${i}`}>
              <FindingButton f={f} initiative={name(f)} onSelect={onSelect} />
            </li>
          ))}
      </ul>
    </li>
  );
}

function FindingButton({
  f,
  initiative,
  onSelect,
}: {
  f: Finding;
  initiative: string | null;
  onSelect: (f: Finding) => void;
}) {
  const styles = useStyles();
  return (
    <button type="button" className={styles.button} onClick={() => onSelect(f)} data-cell={`${f.sheet}!${f.cell}`}>
      <span className={styles.body}>
        <span className={styles.hidden}>{paneText.goTo} </span>
        <span className={`${styles.cell} finding-cell`}>{unbroken(`${f.sheet}!${f.cell}`)}</span>{' '}
        <Badge appearance="tint" color={BADGE[f.severity]} shape="rounded" size="small">
          {paneText.groups[f.severity]}
        </Badge>
        {initiative && <span className={styles.initiative}>{keepTogether(initiative)}</span>}
        <span className={styles.message}>{keepTogether(f.message)}</span>
        <span className={styles.code} title={paneText.codeTitle}>
          {paneText.codeHint(f.code)}
        </span>
      </span>
      <span aria-hidden="true" className={styles.chevron}>
        ›
      </span>
    </button>
  );
}
