import {
  ClusterFilterOptions,
  ClusterListFilters,
  HopStatus,
} from '@aks-baseline/plugin-aks-baseline-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { ChangeEvent, useEffect, useRef, useState } from 'react';
import { hopStatusText } from '../StatusLabel';
import { subscriptionLabel } from './subscriptionLabel';

const STATUSES: HopStatus[] = ['error', 'warning', 'not-observed', 'ok'];

/** How long typing pauses before the search goes to the backend. */
export const SEARCH_DEBOUNCE_MS = 300;

/**
 * Labels sit above the fields in the text colour: the theme's grey label
 * colour on the page background fails axe's contrast check (4.5:1).
 */
const useLabelStyles = makeStyles(theme => ({
  label: { color: theme.palette.text.primary },
}));

function useLabelProps() {
  const classes = useLabelStyles();
  return { shrink: true, className: classes.label };
}

/** Whether any filter narrows the fleet. */
export function hasFilters(filters: ClusterListFilters): boolean {
  return Object.values(filters).some(v =>
    Array.isArray(v) ? v.length > 0 : v !== undefined && v !== '',
  );
}

/** A select whose empty value means "any". */
const AnySelect = ({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string | undefined) => void;
}) => {
  const labelProps = useLabelProps();
  return (
    <TextField
      id={id}
      select
      label={label}
      value={value}
      size="small"
      variant="outlined"
      style={{ minWidth: 160 }}
      InputLabelProps={labelProps}
      SelectProps={{ displayEmpty: true }}
      onChange={e => onChange(e.target.value || undefined)}
    >
      <MenuItem value="">Any</MenuItem>
      {options.map(o => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
};

/**
 * The fleet page's filters. Every one is applied by the backend, so they
 * narrow the whole fleet, not the page on screen.
 */
export const FleetFilters = ({
  filters,
  options,
  onChange,
}: {
  filters: ClusterListFilters;
  options?: ClusterFilterOptions;
  onChange: (filters: ClusterListFilters) => void;
}) => {
  const set = (patch: ClusterListFilters) => onChange({ ...filters, ...patch });
  const labelProps = useLabelProps();
  // The debounced search adds to the filters as they are when it fires, not
  // as they were when typing started.
  const latest = useRef(filters);
  latest.current = filters;
  const [search, setSearch] = useState(filters.search ?? '');
  const [days, setDays] = useState(
    filters.expiringWithinDays === undefined
      ? ''
      : String(filters.expiringWithinDays),
  );

  // Typing goes to the backend once it pauses, not per key.
  useEffect(() => {
    const next = search.trim() || undefined;
    if (next === latest.current.search) return undefined;
    const timer = setTimeout(
      () => onChange({ ...latest.current, search: next }),
      SEARCH_DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);

  const onDays = (e: ChangeEvent<HTMLInputElement>) => {
    setDays(e.target.value);
    const n = Number(e.target.value);
    const valid = e.target.value !== '' && Number.isInteger(n) && n >= 0;
    set({ expiringWithinDays: valid ? Math.min(n, 3650) : undefined });
  };

  const clear = () => {
    setSearch('');
    setDays('');
    onChange({});
  };

  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 12 }}
      data-testid="fleet-filters"
    >
      <TextField
        id="fleet-filter-status"
        select
        label="Status"
        size="small"
        variant="outlined"
        style={{ minWidth: 160 }}
        InputLabelProps={labelProps}
        SelectProps={{
          multiple: true,
          displayEmpty: true,
          renderValue: v =>
            (v as HopStatus[]).map(hopStatusText).join(', ') || 'Any',
        }}
        value={filters.status ?? []}
        onChange={e => {
          const status = e.target.value as unknown as HopStatus[];
          set({ status: status.length > 0 ? status : undefined });
        }}
      >
        {STATUSES.map(s => (
          <MenuItem key={s} value={s}>
            {hopStatusText(s)}
          </MenuItem>
        ))}
      </TextField>
      <AnySelect
        id="fleet-filter-subscription"
        label="Subscription"
        value={filters.subscriptionId?.[0] ?? ''}
        options={(options?.subscriptions ?? []).map(s => ({
          value: s.id,
          label: subscriptionLabel({
            subscriptionId: s.id,
            subscriptionName: s.name,
          }),
        }))}
        onChange={v => set({ subscriptionId: v ? [v] : undefined })}
      />
      <AnySelect
        id="fleet-filter-region"
        label="Region"
        value={filters.region?.[0] ?? ''}
        options={(options?.regions ?? []).map(r => ({ value: r, label: r }))}
        onChange={v => set({ region: v ? [v] : undefined })}
      />
      <AnySelect
        id="fleet-filter-owner"
        label="Owner"
        value={filters.owner?.[0] ?? ''}
        options={(options?.owners ?? []).map(o => ({ value: o, label: o }))}
        onChange={v => set({ owner: v ? [v] : undefined })}
      />
      <TextField
        id="fleet-filter-expiring"
        label="Expiring within (days)"
        style={{ width: 190 }}
        type="number"
        size="small"
        variant="outlined"
        InputLabelProps={labelProps}
        placeholder="any"
        inputProps={{ min: 0, max: 3650 }}
        value={days}
        onChange={onDays}
      />
      <TextField
        id="fleet-filter-search"
        label="Search"
        placeholder="Name, resource group, owner"
        style={{ width: 260 }}
        InputLabelProps={labelProps}
        size="small"
        variant="outlined"
        value={search}
        onChange={e => setSearch(e.target.value)}
      />
      {hasFilters(filters) && <Button onClick={clear}>Clear filters</Button>}
    </Box>
  );
};
