import { KubernetesValidatorFunctions } from '@backstage/catalog-model';

/*
 * The name rules of the objects the generators write, as their owners state
 * them, and where each kind of name sits in a generated object. An
 * independent oracle for the input rules: transcribed from Kubernetes'
 * k8s.io/apimachinery/pkg/util/validation (IsDNS1123Label, IsDNS1123Subdomain,
 * IsDNS1035Label, IsQualifiedName, IsValidLabelValue, IsValidPortName),
 * Backstage's catalog model (its own validator) and Azure's naming rules
 * for Application Gateway sub-resources. Test-only.
 */

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';

const fits = (pattern: string, max: number) => (value: string) =>
  value.length <= max && new RegExp(`^(?:${pattern})$`).test(value);

export const NAME_RULES = {
  /** Namespaces, and most names in a namespace' `metadata.name`. */
  dns1123Label: fits(DNS1123_LABEL, 63),
  dns1123Subdomain: fits(`${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`, 253),
  /** Services. */
  dns1035Label: fits('[a-z]([-a-z0-9]*[a-z0-9])?', 63),
  labelKey: (key: string) => {
    const [prefix, name] = key.includes('/')
      ? [
          key.slice(0, key.lastIndexOf('/')),
          key.slice(key.lastIndexOf('/') + 1),
        ]
      : [undefined, key];
    return (
      fits(QUALIFIED_NAME, 63)(name) &&
      (prefix === undefined || NAME_RULES.dns1123Subdomain(prefix))
    );
  },
  labelValue: (value: string) =>
    value === '' || fits(QUALIFIED_NAME, 63)(value),
  /** Named container and NetworkPolicy ports. */
  portName: (name: string) =>
    name.length <= 15 &&
    /^[-a-z0-9]+$/.test(name) &&
    /[a-z]/.test(name) &&
    !name.startsWith('-') &&
    !name.endsWith('-') &&
    !name.includes('--'),
  entityName: (name: string) =>
    KubernetesValidatorFunctions.isValidObjectName(name),
  /** Application Gateway sub-resources (listeners, probes, rules...). */
  appGatewayChild: fits('[A-Za-z0-9]([-A-Za-z0-9_.]{0,78}[A-Za-z0-9_])?', 80),
};

export type NameKind = keyof typeof NAME_RULES;

export interface NamedValue {
  kind: NameKind;
  /** Where the name sits, e.g. "IngressRoute/x spec.routes[0].services[0].name". */
  where: string;
  value: string;
}

/** The names a Kubernetes object carries, each with its kind. */
export function kubernetesNames(object: any): NamedValue[] {
  const id = `${object.kind}/${object.metadata.name}`;
  const names: NamedValue[] = [
    {
      kind: object.kind === 'Namespace' ? 'dns1123Label' : 'dns1123Subdomain',
      where: `${id} metadata.name`,
      value: object.metadata.name,
    },
  ];
  if (object.metadata.namespace !== undefined) {
    names.push({
      kind: 'dns1123Label',
      where: `${id} metadata.namespace`,
      value: object.metadata.namespace,
    });
  }
  walk(object, '', (parent, key, value) => {
    const path = parent ? `${parent}.${key}` : key;
    const where = `${id} ${path}`;
    if (/(^|\.)(labels|matchLabels)$/.test(parent)) {
      names.push({ kind: 'labelKey', where: `${where} (key)`, value: key });
      if (typeof value === 'string') {
        names.push({ kind: 'labelValue', where, value });
      }
      // The API server sets this label to the namespace's own name.
      if (key === 'kubernetes.io/metadata.name' && typeof value === 'string') {
        names.push({ kind: 'dns1123Label', where, value });
      }
    }
    if (typeof value !== 'string') return;
    if (/\.services\[\d+\]$/.test(parent) && key === 'name') {
      names.push({ kind: 'dns1035Label', where, value });
    }
    if (/\.middlewares\[\d+\]$/.test(parent) && key === 'name') {
      names.push({ kind: 'dns1123Subdomain', where, value });
    }
    if (key === 'secretName') {
      names.push({ kind: 'dns1123Subdomain', where, value });
    }
    if (/\.ports\[\d+\]$/.test(parent) && key === 'port') {
      names.push({ kind: 'portName', where, value });
    }
  });
  return names;
}

/** Calls `visit` with every map entry: its parent's path, key and value. */
function walk(
  value: unknown,
  path: string,
  visit: (parent: string, key: string, value: unknown) => void,
) {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, `${path}[${i}]`, visit));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      visit(path, key, item);
      walk(item, path ? `${path}.${key}` : key, visit);
    }
  }
}

/** The names that break their kind's rule. */
export function invalidNames(names: NamedValue[]): NamedValue[] {
  return names.filter(name => !NAME_RULES[name.kind](name.value));
}
