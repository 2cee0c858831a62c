import type { FieldLabels } from '../validation/fieldLabels';

/**
 * How an action's error opens for a field path: its form label with the path
 * in parentheses, or the path alone when no form field gives it. Test-only.
 */
export function invalidFieldOpening(path: string, labels: FieldLabels) {
  const key = path.split(/[.[]/)[0];
  return Object.prototype.hasOwnProperty.call(labels, key)
    ? `Invalid "${labels[key]}" (${path})`
    : `Invalid input '${path}'`;
}
