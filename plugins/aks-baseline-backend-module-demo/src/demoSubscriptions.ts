/** The demo's subscriptions; `examples/clusters.yaml` names the same clusters. */
export const DEMO_SUBSCRIPTIONS = {
  prod: '6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
  nonProd: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
} as const;

/**
 * Their display names, as ARM's subscription list gives them
 * (`GET /subscriptions`: `displayName`); the fleet page shows these.
 */
export const DEMO_SUBSCRIPTION_NAMES: Record<string, string> = {
  [DEMO_SUBSCRIPTIONS.prod]: 'Contoso Production',
  [DEMO_SUBSCRIPTIONS.nonProd]: 'Contoso Non-Production',
};

/** The demo's Entra tenant (a made-up GUID). */
export const DEMO_TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
