import { parseAllDocuments } from 'yaml';
import { KubernetesObject } from '../../types';
import { TRAEFIK_VERSION } from './images';

/*
 * Traefik's CRDs reach the cluster through the GitOps bootstrap, before
 * anything that uses them (Flux kustomization `crds`, then `traefik`). The
 * CRD file is Traefik's own, at the release the image pins: the template
 * fetches it into the repository (`fetch:plain:file`, before create-cluster)
 * rather than this package carrying a copy.
 */

export const CLUSTER_MANIFESTS_DIR = 'cluster-manifests';
export const CRDS_DIR = `${CLUSTER_MANIFESTS_DIR}/crds`;
export const TRAEFIK_CRDS_FILE = `traefik-crds-${TRAEFIK_VERSION}.yaml`;
/** Where the template's fetch step puts the CRDs, relative to the repository root. */
export const TRAEFIK_CRDS_PATH = `${CRDS_DIR}/${TRAEFIK_CRDS_FILE}`;
/** Traefik's published CRD definitions at that release. */
export const TRAEFIK_CRDS_URL = `https://github.com/traefik/traefik/blob/${TRAEFIK_VERSION}/docs/content/reference/dynamic-configuration/kubernetes-crd-definition-v1.yml`;

const TRAEFIK_GROUP = 'traefik.io';

/**
 * Kinds onboarded apps create on the cluster (aks-baseline:onboard-app:
 * IngressRoute and its App Gateway-only Middleware; ServersTransport for
 * backends that speak TLS): the cluster must know them before any app.
 */
export const ONBOARDING_TRAEFIK_KINDS = [
  'IngressRoute',
  'Middleware',
  'ServersTransport',
] as const;

/** `cluster-manifests/crds/kustomization.yaml`: the one CRD file. */
export function crdsKustomization() {
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [TRAEFIK_CRDS_FILE],
  };
}

/** The traefik.io kinds the cluster needs: what the manifests use, and what onboarding will. */
export function requiredTraefikKinds(manifests: KubernetesObject[]): string[] {
  const used = manifests
    .filter(m => m.apiVersion.split('/')[0] === TRAEFIK_GROUP)
    .map(m => m.kind);
  return [...new Set([...used, ...ONBOARDING_TRAEFIK_KINDS])].sort();
}

/** What a CRD file defines, against what is required. */
export interface CrdCheck {
  defined: string[];
  missing: string[];
}

/**
 * Reads a (multi-document) CRD file and lists which required traefik.io
 * kinds it does not define. Throws when the file is not YAML.
 */
export function checkTraefikCrds(text: string, required: string[]): CrdCheck {
  const documents = parseAllDocuments(text);
  const defined = new Set<string>();
  for (const document of documents) {
    if (document.errors.length) {
      throw new Error(
        `${TRAEFIK_CRDS_PATH} is not valid YAML: ${document.errors[0].message}`,
      );
    }
    const crd = document.toJS() as {
      kind?: string;
      spec?: { group?: string; names?: { kind?: string } };
    } | null;
    if (
      crd?.kind === 'CustomResourceDefinition' &&
      crd.spec?.group === TRAEFIK_GROUP &&
      crd.spec.names?.kind
    ) {
      defined.add(crd.spec.names.kind);
    }
  }
  return {
    defined: [...defined].sort(),
    missing: required.filter(kind => !defined.has(kind)),
  };
}
