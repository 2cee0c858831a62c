import type { ChainHop } from '@aks-baseline/plugin-aks-baseline-common';

type Detail = ChainHop['details'][number];

/** One labelled line of a hop's details; none when the value is absent. */
export const detail = (label: string, value: unknown): Detail[] =>
  value === undefined || value === null || value === ''
    ? []
    : [
        {
          label,
          value: Array.isArray(value) ? value.join(', ') : String(value),
        },
      ];
