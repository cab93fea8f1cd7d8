import { Button, Field, makeStyles, Select } from '@fluentui/react-components';
import type { PlanResult } from '../core/validate';
import { paneText } from '../addin/text';
import { errorCount, planKey } from '../addin/validation';

const useStyles = makeStyles({
  row: { display: 'flex', flexDirection: 'column', gap: '6px', minWidth: 0 },
  select: { minWidth: 0, maxWidth: '100%' },
});

export interface PlanPickerProps {
  plans: PlanResult[];
  selected: string;
  onSelect: (key: string) => void;
  /** Offered when only some sheets were read (Excel): look through every sheet. */
  onFindAll?: () => void;
  disabled?: boolean;
}

/** Which plan the pane shows, when the workbook holds more than one (or more may be found). */
export function PlanPicker({ plans, selected, onSelect, onFindAll, disabled }: PlanPickerProps) {
  const styles = useStyles();
  if (plans.length < 2 && !onFindAll) return null;
  return (
    <div className={styles.row}>
      {plans.length > 1 && (
        <Field label={paneText.planPicker}>
          <Select className={styles.select} value={selected} disabled={disabled} onChange={(_, d) => onSelect(d.value)}>
            {plans.map((p) => (
              <option key={planKey(p)} value={planKey(p)}>
                {paneText.planOption(
                  p.plan.sheet,
                  p.summary.year,
                  // Where a sheet holds more than one plan, each is told by where it starts.
                  plans.filter((q) => q.plan.sheet === p.plan.sheet).length > 1 ? p.plan.range : null,
                  errorCount(p),
                )}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {onFindAll && (
        <div>
          <Button size="small" onClick={onFindAll} disabled={disabled}>
            {paneText.findAllPlans}
          </Button>
        </div>
      )}
    </div>
  );
}
