/** The parts of an ARM resource id that routing and listing need. @public */
export interface ArmIdParts {
  subscriptionId: string;
  resourceGroup: string;
  /** Resource provider namespace, e.g. `Microsoft.KeyVault`. */
  namespace: string;
  /** Type path below the namespace, e.g. `['vaults', 'secrets']`. */
  types: string[];
  /** Names matching `types`, e.g. `['kv-prod', 'tls-cert']`. */
  names: string[];
}

/**
 * Splits `/subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/{type}/{name}[/{childType}/{childName}]...`
 * into its parts, or returns `undefined` for anything else (subscription ids,
 * extension resources). Segment case is kept; ARM compares ids ignoring case.
 *
 * @public
 */
export function parseArmId(id: string): ArmIdParts | undefined {
  const segments = id.split('/').filter(Boolean);
  if (
    segments.length < 8 ||
    segments.length % 2 !== 0 ||
    segments[0].toLowerCase() !== 'subscriptions' ||
    segments[2].toLowerCase() !== 'resourcegroups' ||
    segments[4].toLowerCase() !== 'providers'
  ) {
    return undefined;
  }
  const rest = segments.slice(6);
  const types: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    types.push(rest[i]);
    names.push(rest[i + 1]);
  }
  return {
    subscriptionId: segments[1],
    resourceGroup: segments[3],
    namespace: segments[5],
    types,
    names,
  };
}
