import {
  parseArmId,
  type ArmResource,
} from '@aks-baseline/plugin-aks-baseline-common';

/** What a GET on a path means in the fixture estate. */
export type FixtureRoute =
  | { kind: 'resource'; resource: ArmResource }
  | { kind: 'collection'; items: readonly ArmResource[] }
  | { kind: 'subscriptions' }
  | { kind: 'subscription'; subscriptionId: string }
  | { kind: 'not-found'; code: string; message: string };

const EMPTY: readonly ArmResource[] = Object.freeze([]);

/**
 * Lower-cases and decodes a URL path and drops a trailing slash, because ARM
 * compares ids ignoring case and SDKs encode names.
 */
export function normalizeArmPath(pathname: string): string {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    path = pathname;
  }
  path = path.toLowerCase();
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/**
 * The fixture estate indexed once by every path that can address it, so that
 * answering a request is a map lookup however large the estate is.
 */
export class FixtureIndex {
  private readonly byId = new Map<string, ArmResource>();
  private readonly collections = new Map<string, ArmResource[]>();
  private readonly resourceGroups = new Set<string>();
  /** Lower-cased subscription id -> id as given. */
  readonly subscriptions = new Map<string, string>();

  constructor(resources: readonly ArmResource[], subscriptions?: string[]) {
    for (const subscriptionId of subscriptions ?? []) {
      this.subscriptions.set(subscriptionId.toLowerCase(), subscriptionId);
    }
    for (const resource of resources) {
      this.add(resource);
    }
  }

  private add(resource: ArmResource) {
    if (!resource.id) {
      throw new Error(
        `Fixture resource '${resource.name}' has no id; the fixture transport addresses resources by id`,
      );
    }
    const id = normalizeArmPath(resource.id);
    this.byId.set(id, resource);
    const parts = parseArmId(resource.id);
    if (!parts) {
      this.addExtension(id);
      return;
    }
    const sub = parts.subscriptionId.toLowerCase();
    if (!this.subscriptions.has(sub)) {
      this.subscriptions.set(sub, parts.subscriptionId);
    }
    const group = `/subscriptions/${sub}/resourcegroups/${parts.resourceGroup.toLowerCase()}`;
    this.resourceGroups.add(group);
    const namespace = parts.namespace.toLowerCase();
    if (parts.types.length === 1) {
      const type = parts.types[0].toLowerCase();
      this.push(
        `/subscriptions/${sub}/providers/${namespace}/${type}`,
        resource,
      );
      this.push(`${group}/providers/${namespace}/${type}`, resource);
    } else {
      const parent = id.split('/').slice(0, -2).join('/');
      const childType = parts.types[parts.types.length - 1].toLowerCase();
      this.push(`${parent}/${childType}`, resource);
    }
  }

  /**
   * An extension resource (`<target>/providers/<namespace>/<type>/<name>`: a
   * diagnostic setting, a data collection rule association) is listed under
   * its target: `<target>/providers/<namespace>/<type>`.
   */
  private addExtension(id: string) {
    const match = /^(.+)\/providers\/([^/]+)\/([^/]+)\/[^/]+$/.exec(id);
    if (!match || !parseArmId(match[1])) return;
    this.push(
      `${match[1]}/providers/${match[2]}/${match[3]}`,
      this.byId.get(id)!,
    );
  }

  private push(key: string, resource: ArmResource) {
    const items = this.collections.get(key);
    if (items) {
      items.push(resource);
    } else {
      this.collections.set(key, [resource]);
    }
  }

  /** Resolves a normalized path (see `normalizeArmPath`). */
  route(path: string): FixtureRoute {
    if (path === '/subscriptions') {
      return { kind: 'subscriptions' };
    }
    const resource = this.byId.get(path);
    if (resource) {
      return { kind: 'resource', resource };
    }
    const items = this.collections.get(path);
    if (items) {
      return { kind: 'collection', items };
    }
    return this.routeEmptyOrMissing(path);
  }

  /**
   * ARM answers an empty list for a type nothing exists of, as long as the
   * scope above it exists; only a missing scope or resource is a 404.
   */
  private routeEmptyOrMissing(path: string): FixtureRoute {
    const segments = path.split('/').filter(Boolean);
    if (segments[0] !== 'subscriptions' || segments.length < 2) {
      return notFound('ResourceNotFound', `No route for '${path}'`);
    }
    const sub = segments[1];
    if (!this.subscriptions.has(sub)) {
      return notFound(
        'SubscriptionNotFound',
        `The subscription '${sub}' could not be found.`,
      );
    }
    if (segments.length === 2) {
      return {
        kind: 'subscription',
        subscriptionId: this.subscriptions.get(sub)!,
      };
    }
    if (segments.length === 5 && segments[2] === 'providers') {
      return { kind: 'collection', items: EMPTY };
    }
    if (segments[2] === 'resourcegroups' && segments.length >= 4) {
      const group = `/subscriptions/${sub}/resourcegroups/${segments[3]}`;
      if (!this.resourceGroups.has(group)) {
        return notFound(
          'ResourceGroupNotFound',
          `Resource group '${segments[3]}' could not be found.`,
        );
      }
      if (segments.length === 7 && segments[4] === 'providers') {
        return { kind: 'collection', items: EMPTY };
      }
      // Extension resources of an existing resource: none is an empty list.
      const isExtensionCollection =
        segments.length >= 11 &&
        segments[segments.length - 3] === 'providers' &&
        this.byId.has(`/${segments.slice(0, -3).join('/')}`);
      if (isExtensionCollection) {
        return { kind: 'collection', items: EMPTY };
      }
      const isChildCollection =
        segments.length >= 9 && segments.length % 2 === 1;
      if (
        isChildCollection &&
        this.byId.has(`/${segments.slice(0, -1).join('/')}`)
      ) {
        return { kind: 'collection', items: EMPTY };
      }
    }
    return notFound(
      'ResourceNotFound',
      `The Resource '${path}' was not found.`,
    );
  }
}

function notFound(code: string, message: string): FixtureRoute {
  return { kind: 'not-found', code, message };
}
