import { KubernetesObject } from '../../types';
import { ClusterNames } from '../names';
import { ClusterSpec } from '../spec';
import {
  traefikDynamicConfigMap,
  traefikStaticConfigMap,
} from './traefikConfig';
import {
  traefikNamespace,
  traefikSecretProviderClass,
  traefikServiceAccount,
  traefikTlsStore,
} from './traefikIdentity';
import { traefikClusterRole, traefikClusterRoleBinding } from './traefikRbac';
import {
  traefikDeployment,
  traefikIngressClass,
  traefikPodDisruptionBudget,
  traefikService,
} from './traefikWorkload';

/** The cluster's GitOps bootstrap: Traefik and its certificate, in apply order. */
export function traefikManifests(
  spec: ClusterSpec,
  names: ClusterNames,
): KubernetesObject[] {
  return [
    traefikNamespace(spec),
    traefikServiceAccount(spec, names),
    traefikClusterRole(spec, names),
    traefikClusterRoleBinding(spec, names),
    traefikStaticConfigMap(spec, names),
    traefikDynamicConfigMap(spec, names),
    traefikSecretProviderClass(spec, names),
    traefikTlsStore(spec, names),
    traefikDeployment(spec, names),
    traefikService(spec, names),
    traefikIngressClass(spec, names),
    traefikPodDisruptionBudget(spec, names),
  ];
}
