import {
  ArmValue,
  DeploymentScope,
  EvaluationContext,
  evaluateArmExpression,
  resourceGroupId,
  typedPath,
} from './armFunctions';
import { classifyTemplateString } from './expressionParser';
import {
  RenderedBody,
  WRITE_ONLY_PROPERTIES,
  runtimeProperties,
} from './runtimeProperties';

/**
 * Renders an ARM deployment template (resource group scope) into the
 * bodies ARM's GET and list calls return once the deployment succeeded:
 * parameters, variables and expressions evaluated, ids assigned (extension
 * resources under their scope), what ARM computes added (see
 * runtimeProperties.ts), child resources ARM returns inside their parent
 * folded into it, and ids on every named sub-resource. Test support: it is
 * how a test turns "what create-cluster writes" into "what Azure would
 * show", without Azure.
 *
 * Nested deployments (`Microsoft.Resources/deployments` with an inline
 * template and inner expression scope) render into the resource group and
 * subscription they name, with the parameter values they pass; the
 * deployment itself is not a GET body of the estate. VNet peerings get the
 * state ARM shows: Connected when the remote VNet has the peering back
 * among what was rendered, else Initiated.
 *
 * Refuses what it does not model (copy loops, linked or outer-scope nested
 * templates, unknown resource fields or functions) rather than render it
 * wrongly.
 */

export interface ArmTemplateInput {
  parameters?: Record<string, { type: string; defaultValue?: unknown }>;
  variables?: Record<string, unknown>;
  resources: Array<Record<string, unknown>>;
  [field: string]: unknown;
}

export interface RenderTemplateOptions {
  template: ArmTemplateInput;
  /** Parameter values (plain values, not `{ value }` wrappers). */
  parameters?: Record<string, unknown>;
  scope: DeploymentScope;
  /** When the deployment ran; default: the epoch. */
  deployedAt?: Date;
}

export interface RenderedDeployment {
  /** GET bodies, in the template's order (folded children inside their parent). */
  resources: RenderedBody[];
  /** Ids of resources whose `condition` was false. */
  skipped: string[];
}

/** Fields a template resource may have; the others are refused. */
const TEMPLATE_FIELDS = new Set([
  'type',
  'apiVersion',
  'name',
  'location',
  'condition',
  'scope',
  'dependsOn',
  'tags',
  'properties',
  'sku',
  'kind',
  'identity',
  'zones',
  'comments',
  'plan',
  // Only on nested deployments: where their template deploys.
  'subscriptionId',
  'resourceGroup',
]);
const DEPLOYMENT_TYPE = 'microsoft.resources/deployments';
const PEERING_TYPE = 'microsoft.network/virtualnetworks/virtualnetworkpeerings';
const NOT_RETURNED = new Set([
  'apiVersion',
  'condition',
  'scope',
  'dependsOn',
  'comments',
]);

/**
 * Children ARM returns inside their parent's GET (and list) body, by the
 * parent's property holding them. The others (secrets, federated
 * credentials, DNS zone groups and links...) are resources of their own.
 */
const FOLDED_CHILDREN: Record<string, string> = {
  'microsoft.network/virtualnetworks/subnets': 'subnets',
  'microsoft.network/networksecuritygroups/securityrules': 'securityRules',
  'microsoft.network/routetables/routes': 'routes',
  [PEERING_TYPE]: 'virtualNetworkPeerings',
};

/**
 * Where Microsoft's specification of a GET body differs from ARM's
 * conventions for network sub-resources: no `type` on the body, and no `id`
 * on the items of these collections.
 */
const TYPES_WITHOUT_TYPE_FIELD = new Set([
  'microsoft.network/privateendpoints/privatednszonegroups',
]);
const COLLECTIONS_WITHOUT_IDS = new Set(['privateDnsZoneConfigs']);

const PARAMETER_TYPES: Record<string, (v: unknown) => boolean> = {
  string: v => typeof v === 'string',
  securestring: v => typeof v === 'string',
  int: v => Number.isInteger(v),
  bool: v => typeof v === 'boolean',
  object: v => typeof v === 'object' && v !== null && !Array.isArray(v),
  secureobject: v => typeof v === 'object' && v !== null && !Array.isArray(v),
  array: v => Array.isArray(v),
};

interface Declared {
  index: number;
  source: Record<string, unknown>;
  id: string;
  type: string;
}

class Renderer {
  private readonly parameterValues = new Map<string, unknown>();
  private readonly variableValues = new Map<string, unknown>();
  private readonly bodies = new Map<string, RenderedBody | 'rendering'>();
  private readonly declared: Declared[];
  private readonly context: EvaluationContext;

  constructor(private readonly options: RenderTemplateOptions) {
    const supplied = Object.keys(options.parameters ?? {}).filter(
      name => !(name in (options.template.parameters ?? {})),
    );
    if (supplied.length) {
      throw new Error(`parameters the template does not declare: ${supplied}`);
    }
    this.context = {
      scope: options.scope,
      parameter: name => this.parameter(name),
      variable: name => this.variable(name),
      reference: (id, full) => this.reference(id, full),
    };
    this.declared = options.template.resources.map((source, index) =>
      this.declare(source, index),
    );
  }

  render(): RenderedDeployment {
    const { resources, skipped } = this.renderUnfolded();
    return {
      resources: foldChildResources(withPeeringStates(resources)),
      skipped,
    };
  }

  /** Every body, nested deployments' included, before children are folded. */
  renderUnfolded(): { resources: RenderedBody[]; skipped: string[] } {
    const skipped: string[] = [];
    const rendered: RenderedBody[] = [];
    for (const resource of this.declared) {
      if (resource.type.toLowerCase() === DEPLOYMENT_TYPE) {
        const nested = this.nestedDeployment(resource);
        if (nested) {
          rendered.push(...nested.resources);
          skipped.push(...nested.skipped);
        } else skipped.push(resource.id);
        continue;
      }
      const body = this.body(resource);
      if (body) rendered.push(body);
      else skipped.push(resource.id);
    }
    this.checkDependencies();
    return { resources: rendered, skipped };
  }

  /**
   * A nested deployment's resources, rendered in its own scope (inner
   * expression evaluation: its template sees only the parameters passed),
   * or undefined when its condition is false.
   */
  private nestedDeployment(
    declared: Declared,
  ): { resources: RenderedBody[]; skipped: string[] } | undefined {
    if (!this.conditionHolds(declared)) return undefined;
    const properties = (declared.source.properties ?? {}) as {
      template?: ArmTemplateInput;
      parameters?: Record<string, { value?: unknown }>;
      expressionEvaluationOptions?: { scope?: string };
      [key: string]: unknown;
    };
    if (!properties.template) {
      throw new Error(`${declared.id}: only inline templates are modelled`);
    }
    if (
      properties.expressionEvaluationOptions?.scope?.toLowerCase() !== 'inner'
    ) {
      throw new Error(
        `${declared.id}: only inner expression evaluation is modelled`,
      );
    }
    const parameters = Object.fromEntries(
      Object.entries(properties.parameters ?? {}).map(([name, given]) => {
        if (!isRecord(given) || !('value' in given)) {
          throw new Error(`${declared.id}: parameter ${name} is not { value }`);
        }
        return [name, this.evaluate(given.value)];
      }),
    );
    const [, , subscriptionId, , resourceGroup] = declared.id.split('/');
    return new Renderer({
      template: properties.template,
      parameters,
      scope: { ...this.options.scope, subscriptionId, resourceGroup },
      deployedAt: this.options.deployedAt,
    }).renderUnfolded();
  }

  private conditionHolds(declared: Declared): boolean {
    if (declared.source.condition === undefined) return true;
    const condition = this.evaluate(declared.source.condition);
    if (typeof condition !== 'boolean') {
      throw new Error(`${declared.id}: condition is not a boolean`);
    }
    return condition;
  }

  private parameter(name: string): unknown {
    if (this.parameterValues.has(name)) return this.parameterValues.get(name);
    const declaration = this.options.template.parameters?.[name];
    if (!declaration) throw new Error(`parameter ${name} is not declared`);
    const supplied = this.options.parameters ?? {};
    let value: unknown;
    if (name in supplied) value = supplied[name];
    else if ('defaultValue' in declaration) {
      value = this.evaluate(declaration.defaultValue);
    } else throw new Error(`parameter ${name} has no value and no default`);
    const accepts = PARAMETER_TYPES[declaration.type.toLowerCase()];
    if (!accepts) throw new Error(`parameter type ${declaration.type}`);
    if (!accepts(value)) {
      throw new Error(`parameter ${name} is not of type ${declaration.type}`);
    }
    this.parameterValues.set(name, value);
    return value;
  }

  private variable(name: string): unknown {
    if (this.variableValues.has(name)) return this.variableValues.get(name);
    const variables = this.options.template.variables ?? {};
    if (!(name in variables))
      throw new Error(`variable ${name} is not declared`);
    const value = this.evaluate(variables[name]);
    this.variableValues.set(name, value);
    return value;
  }

  /** Evaluates every expression in a JSON value, object keys included. */
  private evaluate(value: unknown): ArmValue {
    if (typeof value === 'string') {
      const parsed = classifyTemplateString(value);
      return parsed.kind === 'text'
        ? parsed.text
        : evaluateArmExpression(parsed.expression, this.context, value);
    }
    if (Array.isArray(value)) return value.map(v => this.evaluate(v));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [
          String(this.evaluate(k)),
          this.evaluate(v),
        ]),
      );
    }
    return value;
  }

  private declare(source: Record<string, unknown>, index: number): Declared {
    const unknown = Object.keys(source).filter(k => !TEMPLATE_FIELDS.has(k));
    if (unknown.length) {
      throw new Error(
        `resource ${index} (${String(
          source.type,
        )}): fields not modelled: ${unknown}`,
      );
    }
    const type = String(source.type);
    const name = this.evaluate(source.name);
    if (typeof name !== 'string') throw new Error(`resource ${index}: no name`);
    const path = typedPath(type, name.split('/'));
    let prefix = resourceGroupId(this.options.scope);
    if (
      source.subscriptionId !== undefined ||
      source.resourceGroup !== undefined
    ) {
      if (type.toLowerCase() !== DEPLOYMENT_TYPE) {
        throw new Error(
          `resource ${index} (${type}): subscriptionId/resourceGroup only on nested deployments`,
        );
      }
      prefix = resourceGroupId({
        ...this.options.scope,
        subscriptionId: String(
          this.evaluate(
            source.subscriptionId ?? this.options.scope.subscriptionId,
          ),
        ),
        resourceGroup: String(
          this.evaluate(
            source.resourceGroup ?? this.options.scope.resourceGroup,
          ),
        ),
      });
    }
    if (source.scope !== undefined) {
      const scope = String(this.evaluate(source.scope));
      // A relative scope (`Namespace/type/name`) is in the deployment's group.
      prefix = scope.startsWith('/') ? scope : `${prefix}/providers/${scope}`;
    }
    return { index, source, type, id: `${prefix}/providers/${path}` };
  }

  private find(id: string): Declared | undefined {
    return this.declared.find(d => d.id.toLowerCase() === id.toLowerCase());
  }

  private reference(id: string, full: boolean): ArmValue {
    const declared = this.find(id);
    if (!declared) {
      throw new Error(
        `reference to ${id}, which the template does not declare`,
      );
    }
    if (declared.type.toLowerCase() === DEPLOYMENT_TYPE) {
      throw new Error(`reference to the nested deployment ${id}: not modelled`);
    }
    const body = this.body(declared);
    if (!body) throw new Error(`reference to ${id}, whose condition is false`);
    return full ? body : body.properties;
  }

  /** The resource's GET body, or undefined when its condition is false. */
  private body(declared: Declared): RenderedBody | undefined {
    const known = this.bodies.get(declared.id);
    if (known === 'rendering') {
      throw new Error(`${declared.id} references itself through reference()`);
    }
    if (known) return known;
    const { source } = declared;
    if (!this.conditionHolds(declared)) return undefined;
    this.bodies.set(declared.id, 'rendering');
    const fields = Object.fromEntries(
      Object.entries(source)
        .filter(([key]) => !NOT_RETURNED.has(key))
        .map(([key, value]) => [key, this.evaluate(value)]),
    ) as Record<string, unknown>;
    const body: RenderedBody = {
      ...fields,
      id: declared.id,
      name: declared.id.split('/').pop()!,
      type: declared.type,
      properties: { ...((fields.properties as object) ?? {}) },
    };
    for (const hidden of WRITE_ONLY_PROPERTIES[declared.type.toLowerCase()] ??
      []) {
      delete body.properties[hidden];
    }
    body.properties = mergeDeep(
      body.properties,
      runtimeProperties(body, {
        scope: this.options.scope,
        deployedAt: this.options.deployedAt ?? new Date(0),
      }),
    );
    if (body.identity) body.identity = this.identityOf(body.identity);
    if (TYPES_WITHOUT_TYPE_FIELD.has(declared.type.toLowerCase())) {
      delete (body as Partial<RenderedBody>).type;
    }
    assignSubResourceIds(body.properties, declared.id);
    this.bodies.set(declared.id, body);
    return body;
  }

  /** A user-assigned identity as the resource's GET shows it: each with its ids. */
  private identityOf(identity: unknown): unknown {
    const assigned = (identity as { userAssignedIdentities?: object })
      .userAssignedIdentities;
    if (!assigned) return identity;
    return {
      ...(identity as object),
      userAssignedIdentities: Object.fromEntries(
        Object.keys(assigned).map(id => {
          const { principalId, clientId } = this.reference(id, false) as {
            principalId: string;
            clientId: string;
          };
          return [id, { principalId, clientId }];
        }),
      ),
    };
  }

  /** Every `dependsOn` names a resource of the template (or one of its extension resources). */
  private checkDependencies(): void {
    for (const resource of this.declared) {
      for (const dependency of (resource.source.dependsOn as unknown[]) ?? []) {
        const id = String(this.evaluate(dependency));
        if (!this.find(id)) {
          throw new Error(
            `${resource.id} depends on ${id}, which the template does not declare`,
          );
        }
      }
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeDeep(
  declared: Record<string, unknown>,
  computed: Record<string, unknown>,
): Record<string, unknown> {
  const merged = { ...declared };
  for (const [key, value] of Object.entries(computed)) {
    merged[key] =
      isRecord(value) && isRecord(merged[key])
        ? mergeDeep(merged[key] as Record<string, unknown>, value)
        : merged[key] ?? value;
  }
  return merged;
}

/**
 * Named sub-resources (`{ name, properties }` in an array: subnets, rules,
 * App Gateway listeners, pools...) carry `<parent id>/<collection>/<name>`
 * in a GET, as ARM's network resources do.
 */
function assignSubResourceIds(
  properties: Record<string, unknown>,
  parentId: string,
): void {
  for (const [collection, value] of Object.entries(properties)) {
    if (!Array.isArray(value) || COLLECTIONS_WITHOUT_IDS.has(collection)) {
      continue;
    }
    value.forEach((item, i) => {
      if (
        isRecord(item) &&
        typeof item.name === 'string' &&
        isRecord(item.properties) &&
        item.id === undefined
      ) {
        value[i] = {
          name: item.name,
          id: `${parentId}/${collection}/${item.name}`,
          ...item,
        };
        assignSubResourceIds(
          item.properties,
          `${parentId}/${collection}/${item.name}`,
        );
      }
    });
  }
}

/** `<parent id>` of a child resource's id (`.../<type>/<name>` cut off). */
function parentIdOf(id: string): string {
  return id.split('/').slice(0, -2).join('/');
}

/**
 * Each VNet peering's `peeringState` as ARM shows it: Connected when the
 * remote VNet has a peering back to this one among the bodies, Initiated
 * when only this side exists (ARM's state until the other side is made).
 */
function withPeeringStates(bodies: RenderedBody[]): RenderedBody[] {
  const peerings = bodies.filter(
    b => String(b.type).toLowerCase() === PEERING_TYPE,
  );
  const remoteOf = (peering: RenderedBody) =>
    String(
      (peering.properties.remoteVirtualNetwork as { id?: string } | undefined)
        ?.id ?? '',
    ).toLowerCase();
  for (const peering of peerings) {
    const local = parentIdOf(peering.id).toLowerCase();
    const remote = remoteOf(peering);
    const connected = peerings.some(
      other =>
        parentIdOf(other.id).toLowerCase() === remote &&
        remoteOf(other) === local,
    );
    peering.properties = {
      ...peering.properties,
      peeringState: connected ? 'Connected' : 'Initiated',
      peeringSyncLevel: connected ? 'FullyInSync' : 'RemoteNotInSync',
    };
  }
  return bodies;
}

/**
 * Moves children ARM returns inside their parent's GET (subnets, rules,
 * routes, VNet peerings) into the parent among `bodies`; a child whose
 * parent is not among them stays a body of its own. Also for callers that
 * join renderings (a hub VNet and the peering a spoke's template adds to it).
 */
export function foldChildResources(bodies: RenderedBody[]): RenderedBody[] {
  const byId = new Map(bodies.map(b => [b.id.toLowerCase(), b]));
  return bodies.filter(body => {
    const collection = FOLDED_CHILDREN[String(body.type).toLowerCase()];
    if (!collection) return true;
    const parentId = body.id.split('/').slice(0, -2).join('/');
    const parent = byId.get(parentId.toLowerCase());
    if (!parent) return true;
    const { id, name, properties } = body;
    const siblings = (parent.properties[collection] as unknown[]) ?? [];
    parent.properties[collection] = [
      ...siblings.filter(s => !isRecord(s) || s.name !== name),
      { name, id, properties },
    ];
    return false;
  });
}

export function renderArmTemplate(
  options: RenderTemplateOptions,
): RenderedDeployment {
  return new Renderer(options).render();
}
