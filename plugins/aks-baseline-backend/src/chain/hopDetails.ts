import type { ChainHop } from '@aks-baseline/plugin-aks-baseline-common';

type Detail = ChainHop['details'][number];

/**
 * One labelled line of a hop's details; none when there is no value (absent,
 * empty, or an empty list), since a label with nothing after it says nothing.
 */
export const detail = (label: string, value: unknown): Detail[] =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0)
    ? []
    : [
        {
          label,
          value: Array.isArray(value) ? value.join(', ') : String(value),
        },
      ];
