import { KubernetesObjectRef } from '@aks-baseline/plugin-aks-baseline-common';
import Typography from '@material-ui/core/Typography';

/** `kubectl get` takes the kind in lower case. */
export function kubectlGet(object: KubernetesObjectRef): string {
  return `kubectl get ${object.kind.toLowerCase()} -n ${object.namespace} ${
    object.name
  }`;
}

/**
 * The Kubernetes objects an in-cluster hop is, each as kind namespace/name
 * with the kubectl command that shows it (a term and its definition, inside
 * the hop's description list).
 */
export const KubernetesObjects = ({
  objects,
  monoClassName,
}: {
  objects: KubernetesObjectRef[];
  monoClassName: string;
}) => (
  <>
    <dt>{objects.length === 1 ? 'Kubernetes object' : 'Kubernetes objects'}</dt>
    <dd>
      {objects.map(object => (
        <Typography
          key={`${object.kind}/${object.namespace}/${object.name}`}
          variant="body2"
          component="div"
        >
          {object.kind} {object.namespace}/{object.name}{' '}
          <span className={monoClassName}>({kubectlGet(object)})</span>
        </Typography>
      ))}
    </dd>
  </>
);
