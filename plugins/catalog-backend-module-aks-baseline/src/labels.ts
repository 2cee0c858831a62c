/**
 * Catalog label values follow Kubernetes': at most 63 characters of
 * letters, digits, `-`, `_` and `.`, beginning and ending with a letter or
 * digit. Azure names allow more (a resource group may hold parentheses and
 * be 90 characters long), so each other character becomes `-`, and the
 * value is cut and trimmed. Empty means: no label.
 */
export function toLabelValue(value: string): string | undefined {
  const replaced = value.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 63);
  const trimmed = replaced.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return trimmed || undefined;
}
