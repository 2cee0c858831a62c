import { ClusterNames } from '../names';

/** The Traefik release the stamp runs; its CRDs are fetched at the same tag. */
export const TRAEFIK_VERSION = 'v3.7.9';

/** An image the stamp runs: where it is published, and where the cluster pulls it. */
export interface StampImage {
  /** The public source `az acr import` copies from. */
  source: string;
  /** Repository and tag inside the stamp's registry. */
  repository: string;
  tag: string;
  /** `<login server>/<repository>:<tag>`: what the manifests name. */
  image: string;
}

/**
 * Every image cluster-manifests/ runs, pinned by exact tag, from the
 * stamp's private registry. The manifests, the README's `az acr import`
 * commands and the egress requirements all read this one list.
 */
export function stampImages(names: ClusterNames): StampImage[] {
  return [
    image(names, 'docker.io/library/traefik', 'traefik', TRAEFIK_VERSION),
  ];
}

function image(
  names: ClusterNames,
  source: string,
  repository: string,
  tag: string,
): StampImage {
  return {
    source: `${source}:${tag}`,
    repository,
    tag,
    image: `${names.registry.loginServer}/${repository}:${tag}`,
  };
}

/** The image of `repository` in the stamp's registry. */
export function stampImage(names: ClusterNames, repository: string): string {
  const found = stampImages(names).find(i => i.repository === repository);
  if (!found) throw new Error(`no stamp image ${repository}`);
  return found.image;
}
