import { ArmExpressionError, parseArmExpression } from './expressionParser';
import { DeploymentScope } from './armFunctions';
import { foldChildResources, renderArmTemplate } from './renderTemplate';
import { validateArmResponse } from './armResponseSpecs';

/*
 * Expected values are written out by hand from Microsoft Learn's "ARM
 * template functions" pages (resource, string, object, logical, deployment
 * and scope functions) and "Syntax and expressions in ARM templates".
 */

const SCOPE: DeploymentScope = {
  subscriptionId: '00000000-1111-2222-3333-444444444444',
  resourceGroup: 'rg-demo',
  location: 'westeurope',
  tenantId: '99999999-8888-7777-6666-555555555555',
};
const RG =
  '/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-demo';

/** The value of an expression, read back through a template variable. */
function value(
  expression: unknown,
  extra: {
    parameters?: Record<string, { type: string; defaultValue?: unknown }>;
    values?: Record<string, unknown>;
  } = {},
) {
  const rendered = renderArmTemplate({
    template: {
      parameters: extra.parameters,
      variables: { result: expression },
      resources: [
        {
          type: 'Microsoft.Network/routeTables',
          apiVersion: '2026-07-01',
          name: 'rt',
          properties: { disableBgpRoutePropagation: "[variables('result')]" },
        },
      ],
    },
    parameters: extra.values,
    scope: SCOPE,
  });
  return rendered.resources[0].properties.disableBgpRoutePropagation;
}

describe('the ARM expression parser', () => {
  it('reads nested calls, property and index access', () => {
    expect(
      parseArmExpression("[reference(resourceId('A.B/c', 'n')).x[0]]"),
    ).toEqual({
      kind: 'index',
      index: { kind: 'literal', value: 0 },
      target: {
        kind: 'property',
        name: 'x',
        target: {
          kind: 'call',
          name: 'reference',
          args: [
            {
              kind: 'call',
              name: 'resourceId',
              args: [
                { kind: 'literal', value: 'A.B/c' },
                { kind: 'literal', value: 'n' },
              ],
            },
          ],
        },
      },
    });
  });

  it('doubles a quote inside a literal, as ARM escapes it', () => {
    expect(value("[concat('it''s', ' ', 'mine')]")).toBe("it's mine");
    expect(value("['''']")).toBe("'");
  });

  it('reads a leading [[ as an escaped bracket: the rest is text', () => {
    expect(value("[[parameters('x')]")).toBe("[parameters('x')]");
    expect(value('plain [text]')).toBe('plain [text]');
  });

  it.each([
    ["[concat('a'"],
    ["[concat('a' 'b')]"],
    ["['unterminated]"],
    ['[1.5]'],
    ['[foo]'],
    ["[concat('a')) ]"],
  ])('refuses %s', source => {
    expect(() => parseArmExpression(source)).toThrow(ArmExpressionError);
  });
});

describe('the ARM template functions', () => {
  it('throws on a function it does not know, naming it', () => {
    expect(() => value("[listKeys('x', '2020-01-01')]")).toThrow(
      /unknown function listKeys\(\)/,
    );
  });

  it('resourceId: in this group, in another group, in another subscription; nested types', () => {
    expect(
      value(
        "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'snet')]",
      ),
    ).toBe(
      `${RG}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet`,
    );
    expect(
      value(
        "[resourceId('rg-other', 'Microsoft.Storage/storageAccounts', 'st1')]",
      ),
    ).toBe(
      '/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-other/providers/Microsoft.Storage/storageAccounts/st1',
    );
    expect(
      value(
        "[resourceId('11111111-0000-0000-0000-000000000000', 'rg-x', 'Microsoft.KeyVault/vaults', 'kv')]",
      ),
    ).toBe(
      '/subscriptions/11111111-0000-0000-0000-000000000000/resourceGroups/rg-x/providers/Microsoft.KeyVault/vaults/kv',
    );
    expect(() =>
      value(
        "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet')]",
      ),
    ).toThrow(/needs 2 name/);
  });

  it('subscriptionResourceId and extensionResourceId', () => {
    expect(
      value(
        "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')]",
      ),
    ).toBe(
      '/subscriptions/00000000-1111-2222-3333-444444444444/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6',
    );
    expect(
      value(
        "[extensionResourceId(resourceGroup().id, 'Microsoft.Authorization/policyAssignments', 'pa')]",
      ),
    ).toBe(`${RG}/providers/Microsoft.Authorization/policyAssignments/pa`);
  });

  it('subscription() and resourceGroup() answer from the deployment scope', () => {
    expect(value('[subscription().subscriptionId]')).toBe(SCOPE.subscriptionId);
    expect(value('[subscription().tenantId]')).toBe(SCOPE.tenantId);
    expect(value('[resourceGroup().id]')).toBe(RG);
    expect(value('[resourceGroup().location]')).toBe('westeurope');
    // Property names match whatever their case.
    expect(value('[resourceGroup().NAME]')).toBe('rg-demo');
  });

  it('format: numbered placeholders and doubled braces; no format specifiers', () => {
    expect(value("[format('{0}/{1}', 'policy', 'group')]")).toBe(
      'policy/group',
    );
    expect(value("[format('{{{0}}} {1}{0}', 'a', 2)]")).toBe('{a} 2a');
    expect(() => value("[format('{0:N0}', 8175133)]")).toThrow(
      /unsupported placeholder/,
    );
    expect(() => value("[format('{1}', 'a')]")).toThrow(/no argument/);
  });

  it('concat joins strings (numbers printed) and concatenates arrays', () => {
    expect(value("[concat('a', 1, 'b')]")).toBe('a1b');
    const parameters = { a: { type: 'array' }, b: { type: 'array' } };
    expect(
      value("[concat(parameters('a'), parameters('b'))]", {
        parameters,
        values: { a: ['1', '2'], b: ['3'] },
      }),
    ).toEqual(['1', '2', '3']);
  });

  it('guid and uniqueString are deterministic, shaped as documented, and differ per input', () => {
    const guid = value("[guid('a', 'b')]") as string;
    expect(guid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(value("[guid('a', 'b')]")).toBe(guid);
    expect(value("[guid('a', 'c')]")).not.toBe(guid);
    const unique = value('[uniqueString(resourceGroup().id)]') as string;
    expect(unique).toMatch(/^[a-z2-7]{13}$/);
    expect(value("[uniqueString('x')]")).not.toBe(unique);
  });

  it('createObject, if, empty, not', () => {
    expect(
      value("[createObject('a', 1, 'b', createObject('c', 'd'))]"),
    ).toEqual({
      a: 1,
      b: { c: 'd' },
    });
    expect(value("[if(empty(''), 'yes', 'no')]")).toBe('yes');
    expect(value("[not(empty(createObject('a', 1)))]")).toBe(true);
    expect(() => value("[not('true')]")).toThrow(/not a boolean/);
  });

  it('parameters: the value given, else the default (itself an expression), typed', () => {
    const parameters = {
      region: { type: 'string', defaultValue: '[resourceGroup().location]' },
      count: { type: 'int' },
    };
    expect(
      value("[parameters('region')]", { parameters, values: { count: 3 } }),
    ).toBe('westeurope');
    expect(
      value("[parameters('count')]", { parameters, values: { count: 3 } }),
    ).toBe(3);
    expect(() =>
      value("[parameters('count')]", { parameters, values: { count: '3' } }),
    ).toThrow(/not of type int/);
    expect(() => value("[parameters('count')]", { parameters })).toThrow(
      /no value/,
    );
  });
});

const TAGS = { team: 'platform' };

/** A small template using every rendering rule once. */
function smallTemplate() {
  return {
    parameters: {
      certificate: { type: 'securestring', defaultValue: '' },
      expiry: { type: 'int' },
    },
    resources: [
      {
        type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
        apiVersion: '2026-05-31',
        name: 'id-app',
        location: 'westeurope',
        tags: TAGS,
      },
      {
        type: 'Microsoft.Network/networkSecurityGroups',
        apiVersion: '2026-07-01',
        name: 'nsg',
        location: 'westeurope',
        properties: { securityRules: [] },
      },
      {
        type: 'Microsoft.Network/virtualNetworks',
        apiVersion: '2026-07-01',
        name: 'vnet',
        location: 'westeurope',
        dependsOn: [
          "[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg')]",
        ],
        properties: {
          addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
          subnets: [
            {
              name: 'a',
              properties: {
                addressPrefix: '10.0.0.0/24',
                networkSecurityGroup: {
                  id: "[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg')]",
                },
              },
            },
          ],
        },
      },
      {
        type: 'Microsoft.Network/virtualNetworks/subnets',
        apiVersion: '2026-07-01',
        name: 'vnet/b',
        dependsOn: [
          "[resourceId('Microsoft.Network/virtualNetworks', 'vnet')]",
        ],
        properties: { addressPrefix: '10.0.1.0/24' },
      },
      {
        type: 'Microsoft.KeyVault/vaults',
        apiVersion: '2026-04-01',
        name: 'kv-app',
        location: 'westeurope',
        properties: {
          tenantId: '[subscription().tenantId]',
          sku: { family: 'A', name: 'standard' },
        },
      },
      {
        condition: "[not(empty(parameters('certificate')))]",
        type: 'Microsoft.KeyVault/vaults/secrets',
        apiVersion: '2026-04-01',
        name: 'kv-app/edge',
        dependsOn: ["[resourceId('Microsoft.KeyVault/vaults', 'kv-app')]"],
        properties: {
          value: "[parameters('certificate')]",
          contentType: 'application/x-pkcs12',
          attributes: { exp: "[parameters('expiry')]" },
        },
      },
      {
        type: 'Microsoft.Authorization/roleAssignments',
        apiVersion: '2022-04-01',
        name: "[guid(resourceGroup().id, 'id-app', 'kv-app')]",
        scope: 'Microsoft.KeyVault/vaults/kv-app',
        properties: {
          roleDefinitionId:
            "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')]",
          principalId:
            "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-app'), '2026-05-31').principalId]",
          principalType: 'ServicePrincipal',
        },
      },
    ],
  };
}

describe('rendering a template into GET bodies', () => {
  const render = (values: Record<string, unknown>) =>
    renderArmTemplate({
      template: smallTemplate(),
      parameters: values,
      scope: SCOPE,
      deployedAt: new Date('2026-01-01T00:00:00Z'),
    }).resources;

  it('gives ids, folds subnets into the VNet with their ids, and adds what ARM computes', () => {
    const resources = render({ certificate: 'cGZ4', expiry: 1800000000 });
    const vnet = resources.find(r => r.name === 'vnet')!;

    expect(resources.map(r => r.id.replace(RG, ''))).toEqual([
      '/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-app',
      '/providers/Microsoft.Network/networkSecurityGroups/nsg',
      '/providers/Microsoft.Network/virtualNetworks/vnet',
      '/providers/Microsoft.KeyVault/vaults/kv-app',
      '/providers/Microsoft.KeyVault/vaults/kv-app/secrets/edge',
      expect.stringMatching(
        /^\/providers\/Microsoft\.KeyVault\/vaults\/kv-app\/providers\/Microsoft\.Authorization\/roleAssignments\/[0-9a-f-]{36}$/,
      ),
    ]);
    expect((vnet.properties.subnets as any[]).map(s => [s.name, s.id])).toEqual(
      [
        [
          'a',
          `${RG}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/a`,
        ],
        [
          'b',
          `${RG}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/b`,
        ],
      ],
    );
    expect(vnet.properties.provisioningState).toBe('Succeeded');
    expect(resources[3].properties.vaultUri).toBe(
      'https://kv-app.vault.azure.net/',
    );
  });

  it('resolves reference() to the declared resource, with its computed principalId', () => {
    const resources = render({ certificate: 'cGZ4', expiry: 1800000000 });
    const identity = resources[0];
    const assignment = resources.find(
      r => r.type === 'Microsoft.Authorization/roleAssignments',
    )!;

    expect(assignment.properties.principalId).toBe(
      identity.properties.principalId,
    );
    expect(assignment.properties.scope).toBe(
      `${RG}/providers/Microsoft.KeyVault/vaults/kv-app`,
    );
  });

  it('never returns a secret value; keeps the declared expiry; skips it when its condition is false', () => {
    const secret = render({ certificate: 'cGZ4', expiry: 1800000000 })[4];

    expect(secret.properties).toEqual({
      contentType: 'application/x-pkcs12',
      attributes: {
        exp: 1800000000,
        enabled: true,
        created: 1767225600,
        updated: 1767225600,
      },
      secretUri: 'https://kv-app.vault.azure.net/secrets/edge',
      secretUriWithVersion: expect.stringMatching(
        /^https:\/\/kv-app\.vault\.azure\.net\/secrets\/edge\/[0-9a-f]{32}$/,
      ),
    });
    expect(render({ expiry: 1 }).map(r => r.name)).not.toContain('edge');
  });

  it("renders bodies that validate strictly against Microsoft's specifications", () => {
    const problems = render({ certificate: 'cGZ4', expiry: 1800000000 })
      .map(r => ({ id: r.id, ...validateArmResponse(r) }))
      .filter(r => !r.valid);

    expect(problems).toEqual([]);
  });

  it('the strict validation fails a misspelt field', () => {
    const [identity] = render({ expiry: 1 });
    expect(
      validateArmResponse({ ...identity, tagz: {} } as typeof identity).errors,
    ).toEqual(['/: unknown field "tagz"']);
  });

  it('refuses a reference to, or a dependency on, what the template does not declare', () => {
    const template = smallTemplate();
    template.resources[0].tags = {
      team: "[reference(resourceId('Microsoft.KeyVault/vaults', 'other')).vaultUri]",
    } as any;
    expect(() =>
      renderArmTemplate({ template, parameters: { expiry: 1 }, scope: SCOPE }),
    ).toThrow(/does not declare/);
    const dependent = smallTemplate();
    dependent.resources[1].dependsOn = [
      "[resourceId('Microsoft.Network/routeTables', 'rt')]",
    ];
    expect(() =>
      renderArmTemplate({
        template: dependent,
        parameters: { expiry: 1 },
        scope: SCOPE,
      }),
    ).toThrow(
      /depends on .*routeTables\/rt, which the template does not declare/,
    );
  });

  it('refuses what it does not model: copy loops, undeclared parameters', () => {
    const looped = smallTemplate();
    (looped.resources[0] as any).copy = { name: 'ids', count: 2 };
    expect(() =>
      renderArmTemplate({
        template: looped,
        parameters: { expiry: 1 },
        scope: SCOPE,
      }),
    ).toThrow(/fields not modelled: copy/);
    expect(() =>
      renderArmTemplate({
        template: smallTemplate(),
        parameters: { expiry: 1, other: 2 },
        scope: SCOPE,
      }),
    ).toThrow(/does not declare: other/);
  });
});

describe('nested deployments into another resource group (a peering with a hub)', () => {
  const HUB_SUBSCRIPTION = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
  const HUB_RG = `/subscriptions/${HUB_SUBSCRIPTION}/resourceGroups/rg-hub`;
  const HUB_VNET = `${HUB_RG}/providers/Microsoft.Network/virtualNetworks/vnet-hub`;
  const SPOKE_VNET = `${RG}/providers/Microsoft.Network/virtualNetworks/vnet`;
  const peering = (remote: string) => ({
    remoteVirtualNetwork: { id: remote },
    allowVirtualNetworkAccess: true,
    allowForwardedTraffic: false,
    allowGatewayTransit: false,
    useRemoteGateways: false,
  });
  /** A spoke VNet peered with a hub; the hub's side by a deployment scoped to the hub's group. */
  const peeredTemplate = (withHubSide = true) => ({
    resources: [
      {
        type: 'Microsoft.Network/virtualNetworks',
        apiVersion: '2026-07-01',
        name: 'vnet',
        location: 'westeurope',
        properties: { addressSpace: { addressPrefixes: ['10.240.0.0/16'] } },
      },
      {
        type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
        apiVersion: '2026-07-01',
        name: 'vnet/to_vnet-hub',
        dependsOn: [
          "[resourceId('Microsoft.Network/virtualNetworks', 'vnet')]",
        ],
        properties: peering(HUB_VNET),
      },
      ...(withHubSide
        ? [
            {
              type: 'Microsoft.Resources/deployments',
              apiVersion: '2025-04-01',
              name: 'peer-hub',
              subscriptionId: HUB_SUBSCRIPTION,
              resourceGroup: 'rg-hub',
              properties: {
                mode: 'Incremental',
                expressionEvaluationOptions: { scope: 'inner' },
                parameters: {
                  spoke: {
                    value:
                      "[resourceId('Microsoft.Network/virtualNetworks', 'vnet')]",
                  },
                },
                template: {
                  parameters: { spoke: { type: 'string' } },
                  resources: [
                    {
                      type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
                      apiVersion: '2026-07-01',
                      name: 'vnet-hub/to_vnet',
                      properties: {
                        ...peering("[parameters('spoke')]"),
                        // Inner scope: resourceGroup() is the hub's.
                        remoteBgpCommunities: {
                          virtualNetworkCommunity: '[resourceGroup().name]',
                        },
                      },
                    },
                  ],
                },
              },
            },
          ]
        : []),
      {
        type: 'Microsoft.Network/routeTables',
        apiVersion: '2026-07-01',
        name: 'rt',
        location: 'westeurope',
        dependsOn: withHubSide
          ? [
              `[resourceId('${HUB_SUBSCRIPTION}', 'rg-hub', 'Microsoft.Resources/deployments', 'peer-hub')]`,
            ]
          : [],
        properties: {},
      },
    ],
  });

  it("renders the nested template's resources in its group, with the values passed, not the deployment itself", () => {
    const { resources } = renderArmTemplate({
      template: peeredTemplate(),
      scope: SCOPE,
    });
    expect(resources.map(r => r.id)).toEqual([
      SPOKE_VNET,
      `${HUB_VNET}/virtualNetworkPeerings/to_vnet`,
      `${RG}/providers/Microsoft.Network/routeTables/rt`,
    ]);
    const hubSide = resources[1];
    expect(hubSide.properties).toMatchObject({
      remoteVirtualNetwork: { id: SPOKE_VNET },
      remoteBgpCommunities: { virtualNetworkCommunity: 'rg-hub' },
    });
  });

  it("folds the spoke's side into its VNet, Connected when the hub has the peering back", () => {
    const [vnet, hubSide] = renderArmTemplate({
      template: peeredTemplate(),
      scope: SCOPE,
    }).resources;
    expect(vnet.properties.virtualNetworkPeerings).toEqual([
      {
        name: 'to_vnet-hub',
        id: `${SPOKE_VNET}/virtualNetworkPeerings/to_vnet-hub`,
        properties: {
          ...peering(HUB_VNET),
          provisioningState: 'Succeeded',
          peeringState: 'Connected',
          peeringSyncLevel: 'FullyInSync',
        },
      },
    ]);
    expect(hubSide.properties.peeringState).toBe('Connected');
  });

  it('leaves the spoke side Initiated when nothing peers back (the hub side skipped)', () => {
    const [vnet] = renderArmTemplate({
      template: peeredTemplate(false),
      scope: SCOPE,
    }).resources;
    expect(
      (vnet.properties.virtualNetworkPeerings as any[]).map(
        p => p.properties.peeringState,
      ),
    ).toEqual(['Initiated']);
  });

  it('renders bodies that validate strictly, the lone hub side and the VNet with its peering included', () => {
    for (const withHubSide of [true, false]) {
      const problems = renderArmTemplate({
        template: peeredTemplate(withHubSide),
        scope: SCOPE,
      })
        .resources.map(r => ({ id: r.id, ...validateArmResponse(r) }))
        .filter(r => !r.valid);
      expect(problems).toEqual([]);
    }
  });

  it('folds a peering rendered elsewhere into its VNet when joined (foldChildResources)', () => {
    const { resources } = renderArmTemplate({
      template: peeredTemplate(),
      scope: SCOPE,
    });
    const hubVnet = {
      id: HUB_VNET,
      name: 'vnet-hub',
      type: 'Microsoft.Network/virtualNetworks',
      properties: {},
    };
    const joined = foldChildResources([hubVnet, ...resources]);
    expect(joined.map(r => r.id)).toEqual([
      HUB_VNET,
      SPOKE_VNET,
      `${RG}/providers/Microsoft.Network/routeTables/rt`,
    ]);
    expect(
      (joined[0].properties.virtualNetworkPeerings as any[]).map(p => [
        p.id,
        p.properties.peeringState,
      ]),
    ).toEqual([[`${HUB_VNET}/virtualNetworkPeerings/to_vnet`, 'Connected']]);
  });

  it('refuses what it does not model: outer scope, linked templates, subscriptionId on a resource', () => {
    const outer = peeredTemplate() as any;
    outer.resources[2].properties.expressionEvaluationOptions.scope = 'outer';
    expect(() => renderArmTemplate({ template: outer, scope: SCOPE })).toThrow(
      /only inner expression evaluation is modelled/,
    );
    const linked = peeredTemplate() as any;
    delete linked.resources[2].properties.template;
    linked.resources[2].properties.templateLink = { uri: 'https://x/t.json' };
    expect(() => renderArmTemplate({ template: linked, scope: SCOPE })).toThrow(
      /only inline templates are modelled/,
    );
    const misplaced = peeredTemplate() as any;
    misplaced.resources[0].subscriptionId = HUB_SUBSCRIPTION;
    expect(() =>
      renderArmTemplate({ template: misplaced, scope: SCOPE }),
    ).toThrow(/subscriptionId\/resourceGroup only on nested deployments/);
  });
});
