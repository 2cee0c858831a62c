import type { KubernetesObject } from '@aks-baseline/plugin-aks-baseline-common';
import { ApiException } from '@kubernetes/client-node';
import type { ListedResource, PageRequest } from '../resources';
import { resourceName } from '../resources';
import type { KubernetesApis } from './apiSession';

/** Far more pages than any cluster needs: a server that never ends a list is a bug. */
const MAX_PAGES = 1000;

/**
 * Every item of one list call, page by page (`limit` + `continue`). A
 * `410 Gone` means the continue token outlived etcd's compaction: the list
 * starts over once, as kubectl does, since a half-old list would mix
 * resource versions.
 */
export async function listAll(
  resource: ListedResource,
  apis: KubernetesApis,
  request: Omit<PageRequest, 'continueToken'>,
): Promise<KubernetesObject[]> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await listPages(resource, apis, request);
    } catch (error) {
      const expired = error instanceof ApiException && error.code === 410;
      if (!expired || attempt > 0) throw error;
    }
  }
}

async function listPages(
  resource: ListedResource,
  apis: KubernetesApis,
  request: Omit<PageRequest, 'continueToken'>,
): Promise<KubernetesObject[]> {
  const items: KubernetesObject[] = [];
  let continueToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await resource.list(apis, { ...request, continueToken });
    items.push(...result.items);
    if (!result.continueToken) return items;
    continueToken = result.continueToken;
  }
  throw new Error(
    `listing ${resourceName(resource)} did not end after ${MAX_PAGES} pages`,
  );
}
