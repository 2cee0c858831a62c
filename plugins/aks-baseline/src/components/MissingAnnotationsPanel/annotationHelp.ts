import {
  ANNOTATION_CLUSTER,
  ANNOTATION_HOST,
  ANNOTATION_NAMESPACE,
  ANNOTATION_RESOURCE_ID,
} from '@aks-baseline/plugin-aks-baseline-common';
import { Entity } from '@backstage/catalog-model';

export interface AnnotationHelp {
  annotation: string;
  example: string;
  meaning: string;
}

const CLUSTER_ANNOTATIONS: AnnotationHelp[] = [
  {
    annotation: ANNOTATION_RESOURCE_ID,
    example:
      '/subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/Microsoft.ContainerService/managedClusters/<cluster-name>',
    meaning: 'The ARM resource id of the AKS cluster.',
  },
];

const APP_ANNOTATIONS: AnnotationHelp[] = [
  {
    annotation: ANNOTATION_CLUSTER,
    example: 'resource:default/<cluster-entity-name>',
    meaning:
      'The catalog entity of the cluster the app runs on (a Resource with aks-baseline.io/resource-id).',
  },
  {
    annotation: ANNOTATION_NAMESPACE,
    example: '<kubernetes-namespace>',
    meaning: 'The app’s Kubernetes namespace.',
  },
  {
    annotation: ANNOTATION_HOST,
    example: '<public-host-name>',
    meaning:
      'The app’s public host name; the chain is narrowed to the App Gateway listener serving it.',
  },
];

/** A cluster Resource needs its resource id; anything else is treated as an app. */
export function annotationsFor(entity: Entity): AnnotationHelp[] {
  const isResource = entity.kind.toLowerCase() === 'resource';
  return isResource ? CLUSTER_ANNOTATIONS : APP_ANNOTATIONS;
}

/** The lines to add to the entity's catalog-info.yaml, under its own name. */
export function annotationSnippet(entity: Entity): string {
  const lines = annotationsFor(entity).map(
    a => `    ${a.annotation}: ${a.example}`,
  );
  return [
    `apiVersion: ${entity.apiVersion}`,
    `kind: ${entity.kind}`,
    'metadata:',
    `  name: ${entity.metadata.name}`,
    '  annotations:',
    ...lines,
  ].join('\n');
}
