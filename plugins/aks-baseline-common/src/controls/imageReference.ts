/**
 * Container image references as the container runtime reads them
 * (distribution/reference: `[host[:port]/]path[:tag][@digest]`; a first
 * component without `.` or `:` that is not `localhost` is a Docker Hub
 * path, and a single-component Docker Hub path is under `library/`).
 */
export interface ImageReference {
  /** Lower-cased registry host (with its port), `docker.io` for Docker Hub. */
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

export const DOCKER_HUB = 'docker.io';

/** The parts of an image reference, or undefined for an empty one. */
export function parseImageReference(image: string): ImageReference | undefined {
  const trimmed = image.trim();
  if (!trimmed) return undefined;
  const [name, digest] = trimmed.split('@', 2);
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const hasHost =
    first !== '' &&
    (first.includes('.') || first.includes(':') || first === 'localhost');
  const path = hasHost ? name.slice(slash + 1) : name;
  const colon = path.lastIndexOf(':');
  const tagged = colon > path.lastIndexOf('/');
  const repository = tagged ? path.slice(0, colon) : path;
  const registry = hasHost ? first.toLowerCase() : DOCKER_HUB;
  return {
    registry: registry === 'index.docker.io' ? DOCKER_HUB : registry,
    repository:
      registry === DOCKER_HUB && !repository.includes('/')
        ? `library/${repository}`
        : repository,
    ...(tagged ? { tag: path.slice(colon + 1) } : {}),
    ...(digest ? { digest } : {}),
  };
}

/** Why an image is not pinned (`:latest`, no tag), or undefined when it is (a digest, or another tag). */
export function unpinnedBecause(reference: ImageReference): string | undefined {
  if (reference.digest) return undefined;
  if (!reference.tag) return 'no tag (pulls :latest)';
  if (reference.tag === 'latest') return ':latest';
  return undefined;
}
