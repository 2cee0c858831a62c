import { parseImageReference, unpinnedBecause } from './imageReference';

describe('parseImageReference', () => {
  it.each([
    [
      'nginx',
      { registry: 'docker.io', repository: 'library/nginx' },
      'no tag (pulls :latest)',
    ],
    [
      'traefik:v3.7.9',
      { registry: 'docker.io', repository: 'library/traefik', tag: 'v3.7.9' },
      undefined,
    ],
    [
      'bitnami/redis:latest',
      { registry: 'docker.io', repository: 'bitnami/redis', tag: 'latest' },
      ':latest',
    ],
    [
      'docker.io/library/busybox:1.36',
      { registry: 'docker.io', repository: 'library/busybox', tag: '1.36' },
      undefined,
    ],
    [
      'index.docker.io/library/busybox:1.36',
      { registry: 'docker.io', repository: 'library/busybox', tag: '1.36' },
      undefined,
    ],
    [
      'ACRAKS.azurecr.io/traefik:v3.7.9',
      { registry: 'acraks.azurecr.io', repository: 'traefik', tag: 'v3.7.9' },
      undefined,
    ],
    [
      'localhost:5000/team/app@sha256:abc',
      {
        registry: 'localhost:5000',
        repository: 'team/app',
        digest: 'sha256:abc',
      },
      undefined,
    ],
    [
      'mcr.microsoft.com/oss/kubernetes/coredns:v1.11.3-1',
      {
        registry: 'mcr.microsoft.com',
        repository: 'oss/kubernetes/coredns',
        tag: 'v1.11.3-1',
      },
      undefined,
    ],
    [
      'localhost/app',
      { registry: 'localhost', repository: 'app' },
      'no tag (pulls :latest)',
    ],
  ])('%s', (image, parts, unpinned) => {
    const reference = parseImageReference(image)!;
    expect(reference).toEqual(parts);
    expect(unpinnedBecause(reference)).toBe(unpinned);
  });

  it('reads nothing from an empty reference', () => {
    expect(parseImageReference(' ')).toBeUndefined();
  });
});
