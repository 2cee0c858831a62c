import type { KubernetesObject } from '../controls/types';
import { buildInClusterModel, InClusterModel } from '../inCluster';
import { namespaceOf } from '../inCluster/objects';
import type { TraceInputs } from './types';

/** Kinds that live in a namespace and only matter to the evaluator there. */
const SCOPED_KINDS = new Set([
  'Pod',
  'NetworkPolicy',
  'Service',
  'EndpointSlice',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
]);

/**
 * The in-cluster model cut down to the namespaces of a connection's two
 * ends. A NetworkPolicy only ever selects pods of its own namespace, so for
 * one source and one destination only the policies of their namespaces
 * (egress of the source's, ingress of the destination's) can decide; pods
 * elsewhere only matter as peers, and the ends are fixed. Every Namespace
 * stays, for namespace selectors. Exact, and it keeps a trace's cost with
 * the two namespaces rather than the cluster.
 */
export function modelForNamespaces(
  inputs: TraceInputs,
  namespaces: string[],
  traefikNamespace?: string,
): InClusterModel {
  const keep = new Set(namespaces);
  const objects = (inputs.kubernetes?.objects ?? []).filter(
    (o: KubernetesObject) =>
      !SCOPED_KINDS.has(o.kind ?? '') || keep.has(namespaceOf(o)),
  );
  return buildInClusterModel({
    objects,
    traefik: inputs.kubernetes?.traefik,
    appNamespaces: namespaces.filter(n => n !== traefikNamespace),
  });
}
