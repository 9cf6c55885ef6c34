// The period of a new request: kind, number and year (or the dates of an ad-hoc report), with the
// data window Nghị định 09/2019 gives it, shown as it is chosen.
import { Field, Input, Select, Text } from '@fluentui/react-components';
import type { Dispatch } from 'react';
import type { Period, PeriodKind } from '../../../shared/reporting/period.ts';
import { formatVietnamDay } from '../../../shared/time/vietnam.ts';
import type { Strings } from './i18n.ts';
import {
  PERIOD_KINDS,
  PERIOD_NUMBERS,
  type OpenRequestAction,
  type OpenRequestState,
} from './open-request.ts';

export function PeriodFields(props: {
  t: Strings;
  state: OpenRequestState;
  period: Period | string;
  dispatch: Dispatch<OpenRequestAction>;
}) {
  const { t, state, period, dispatch } = props;
  const numbers = PERIOD_NUMBERS[state.kind];
  const set = (field: 'year' | 'number' | 'start' | 'end', value: string) =>
    dispatch({ type: 'set', field, value });
  return (
    <>
      <div style={{ display: 'flex', gap: 8 }}>
        <Field label={t.periodKind} style={{ flexGrow: 1 }}>
          <Select
            name="period-kind"
            value={state.kind}
            onChange={(_e, d) => dispatch({ type: 'kind', kind: d.value as PeriodKind })}
          >
            {PERIOD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t.periodKinds[k]}
              </option>
            ))}
          </Select>
        </Field>
        {numbers && (
          <Field label={t.periodNumber}>
            <Select
              name="period-number"
              value={state.number}
              onChange={(_e, d) => set('number', d.value)}
            >
              {Array.from({ length: numbers }, (_, i) => (
                <option key={i} value={String(i + 1)}>
                  {i + 1}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field label={t.year}>
          <Input
            name="period-year"
            type="number"
            value={state.year}
            onChange={(_e, d) => set('year', d.value)}
            style={{ width: 90 }}
          />
        </Field>
      </div>
      {state.kind === 'AD_HOC' && (
        <div style={{ display: 'flex', gap: 8 }}>
          <Field label={t.from}>
            <Input
              name="period-start"
              type="date"
              value={state.start}
              onChange={(_e, d) => set('start', d.value)}
            />
          </Field>
          <Field label={t.to}>
            <Input
              name="period-end"
              type="date"
              value={state.end}
              onChange={(_e, d) => set('end', d.value)}
            />
          </Field>
        </div>
      )}
      <Text size={200} data-period>
        {typeof period === 'string'
          ? period
          : t.window(
              period.label,
              formatVietnamDay(period.cutoffStart),
              formatVietnamDay(period.cutoffEnd),
            )}
      </Text>
    </>
  );
}
