// Who a new request goes to: groups within the consolidator's province (all departments, district
// or commune committees) and agencies added by name, with the count the server expands them to.
import { Button, Checkbox, Field, Input, Text } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import type { Dispatch } from 'react';
import type { OrgChoice } from './api.ts';
import type { PaneKit } from './kit.ts';
import { GROUPS, type OpenRequestAction, type OpenRequestState } from './open-request.ts';
import { useDebounced } from './use-debounced.ts';

export function RecipientFields(props: {
  kit: PaneKit;
  state: OpenRequestState;
  scope: OrgChoice | null;
  preview: { count: number; orgs: OrgChoice[] } | null;
  dispatch: Dispatch<OpenRequestAction>;
}) {
  const { kit, state, scope, preview, dispatch } = props;
  const { api, t } = kit;
  const search = useDebounced(state.search.trim());
  const found = useQuery({
    queryKey: ['find-orgs', api.server, api.token, search, scope?.id ?? null],
    queryFn: () => api.findOrgs(search, scope?.id ?? null),
    enabled: search.length >= 2,
    retry: false,
  });
  const offered = (state.search.trim().length >= 2 ? (found.data ?? []) : []).filter(
    (o) => !state.named.some((n) => n.id === o.id),
  );
  return (
    <>
      <Text weight="semibold">{t.recipientsTitle(scope?.name ?? '')}</Text>
      {GROUPS.map((g) => (
        <Checkbox
          key={g.key}
          label={t.groups[g.key]}
          checked={state.groups.includes(g.key)}
          onChange={(_e, d) => dispatch({ type: 'group', key: g.key, on: d.checked === true })}
        />
      ))}
      <Field label={t.addByName}>
        <Input
          name="find-org"
          value={state.search}
          onChange={(_e, d) => dispatch({ type: 'set', field: 'search', value: d.value })}
        />
      </Field>
      {offered.map((o) => (
        <Button
          key={o.id}
          size="small"
          appearance="subtle"
          onClick={() => dispatch({ type: 'name', org: o })}
        >
          + {o.name}
        </Button>
      ))}
      {state.named.map((o) => (
        <Button
          key={o.id}
          size="small"
          title={t.remove}
          onClick={() => dispatch({ type: 'unname', id: o.id })}
        >
          {o.name} ✕
        </Button>
      ))}
      <Text data-recipient-count={preview?.count ?? 0}>
        {preview
          ? t.willReceive(
              preview.count,
              preview.orgs.map((o) => o.name),
            )
          : t.chooseRecipients}
      </Text>
    </>
  );
}
