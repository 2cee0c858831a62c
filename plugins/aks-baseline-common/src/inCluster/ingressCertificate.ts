import type { KubernetesObject } from '../controls/types';
import {
  readField,
  readList,
  nameOf,
  namespaceOf,
  ObjectIndex,
  refOf,
} from './objects';
import type { TraefikView } from './traefik';

/** Where Traefik's certificate lives in Key Vault, as its SecretProviderClass says. */
export interface IngressCertificateRef {
  vaultName: string;
  secretName: string;
  /** `namespace/name` of the SecretProviderClass. */
  source: string;
}

/**
 * The SecretProviderClass Traefik's Deployment mounts (else the first one in
 * Traefik's namespace): its `keyvaultName` and first `objectName`. The
 * `objects` parameter is YAML inside a string; only `objectName:` lines
 * matter here, so they are read without a YAML parser.
 */
export function ingressCertificateFromCluster(
  index: ObjectIndex,
  traefik: TraefikView,
): IngressCertificateRef | undefined {
  const classes = index
    .of('SecretProviderClass')
    .filter(s => namespaceOf(s) === traefik.namespace);
  const mounted = secretProviderClassesMountedBy(traefik.deployment);
  const chosen: KubernetesObject | undefined =
    classes.find(s => mounted.includes(nameOf(s))) ?? classes[0];
  if (!chosen) return undefined;

  const vaultName = readField(chosen, 'spec.parameters.keyvaultName');
  const objects = String(readField(chosen, 'spec.parameters.objects') ?? '');
  const secretName = /objectName:\s*["']?([^"'\s]+)/.exec(objects)?.[1];
  return typeof vaultName === 'string' && vaultName && secretName
    ? { vaultName, secretName, source: refOf(chosen) }
    : undefined;
}

/** The SecretProviderClasses a workload's pods mount as CSI volumes, by name. */
export function secretProviderClassesMountedBy(
  workload: KubernetesObject | undefined,
): string[] {
  return readList(workload, 'spec.template.spec.volumes')
    .map(v => readField(v, 'csi.volumeAttributes.secretProviderClass'))
    .filter((n): n is string => typeof n === 'string' && n !== '');
}
