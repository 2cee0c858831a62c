import {
  ArmClient,
  ArmConnectionOptions,
  DEPLOYMENTS_API_VERSION,
  createArmClient,
} from './armRequests';
import {
  ArmDeploymentError,
  ResourceError,
  armErrorsOf,
  operationErrors,
} from './deploymentErrors';

/** A resource-group deployment of a template. */
export interface DeploymentRequest {
  subscriptionId: string;
  resourceGroup: string;
  /** Where the resource group is created when it does not exist. */
  location: string;
  deploymentName: string;
  template: unknown;
  /** The `parameters` of a parameters file: `{ value }` or Key Vault `{ reference }`. */
  parameters: Record<string, unknown>;
  tags?: Record<string, string>;
}

export interface DeployOptions extends ArmConnectionOptions {
  /** Between polls of a running deployment. Default 15 s (ARM's own pace). */
  pollIntervalMs?: number;
  /** Give up polling after this long. Default 2 hours (AKS plus App Gateway take 15-40 min). */
  timeoutMs?: number;
  /** Progress lines (the scaffolder's task log). */
  log?: (message: string) => void;
}

export interface DeploymentOutcome {
  /** `skipped`: a dry run against a resource group that does not exist yet. */
  mode: 'validated' | 'deployed' | 'skipped';
  message: string;
  provisioningState?: string;
  /** Output name -> value, after a successful deployment. */
  outputs?: Record<string, unknown>;
}

const TERMINAL_STATES = ['Succeeded', 'Failed', 'Canceled'];

/**
 * Validates the deployment, and in a real run creates it and polls until ARM
 * reports a final state. Failures throw `ArmDeploymentError` listing the
 * errors per resource. A dry run only validates.
 */
export async function deployTemplate(
  request: DeploymentRequest,
  options: DeployOptions & { dryRun: boolean },
): Promise<DeploymentOutcome> {
  const arm = createArmClient(request.subscriptionId, options);
  const log = options.log ?? (() => {});
  const { resourceGroups } = arm.client;
  if (options.dryRun) {
    const exists = await resourceGroups.checkExistence(request.resourceGroup);
    if (!exists.body) {
      return {
        mode: 'skipped',
        message: `Resource group ${request.resourceGroup} does not exist yet, so ARM cannot validate the deployment in a dry run; a real run creates the group and validates first.`,
      };
    }
    await validateDeployment(arm, request);
    return { mode: 'validated', message: 'ARM validated the deployment.' };
  }

  await resourceGroups.createOrUpdate(request.resourceGroup, {
    location: request.location,
    tags: request.tags,
  });
  log(`Resource group ${request.resourceGroup} is ready; validating.`);
  await validateDeployment(arm, request);
  log(`Validated; creating deployment ${request.deploymentName}.`);
  await arm.send('PUT', deploymentPath(request), deploymentBody(request));
  const final = await pollDeployment(arm, request, options, log);
  const state = final?.properties?.provisioningState;
  if (state !== 'Succeeded') {
    throw new ArmDeploymentError(
      `Deployment ${request.deploymentName} ended ${state}`,
      await failedOperations(arm, request, final),
    );
  }
  return {
    mode: 'deployed',
    provisioningState: state,
    message: `Deployment ${request.deploymentName} succeeded.`,
    outputs: Object.fromEntries(
      Object.entries(final.properties.outputs ?? {}).map(([name, output]) => [
        name,
        (output as { value?: unknown })?.value,
      ]),
    ),
  };
}

function deploymentPath(request: DeploymentRequest, suffix = ''): string {
  return `/subscriptions/${encodeURIComponent(
    request.subscriptionId,
  )}/resourcegroups/${encodeURIComponent(
    request.resourceGroup,
  )}/providers/Microsoft.Resources/deployments/${encodeURIComponent(
    request.deploymentName,
  )}${suffix}?api-version=${DEPLOYMENTS_API_VERSION}`;
}

function deploymentBody(request: DeploymentRequest) {
  return {
    properties: {
      mode: 'Incremental',
      template: request.template,
      parameters: request.parameters,
    },
    tags: request.tags,
  };
}

/**
 * `POST .../validate`: 200 valid, 400 invalid (with the errors), 202 when
 * ARM validates asynchronously (poll the Location until it answers).
 */
async function validateDeployment(arm: ArmClient, request: DeploymentRequest) {
  let response = await arm.send(
    'POST',
    deploymentPath(request, '/validate'),
    deploymentBody(request),
  );
  while (response.status === 202) {
    const location = response.headers.get('location');
    if (!location) break;
    await delay(retryAfterMs(response.headers.get('retry-after'), 1000));
    response = await arm.send('GET', location);
  }
  // Older api-versions answer 200 with an error in the body.
  const errors = armErrorsOf(response.body?.error);
  if (errors.length) {
    throw new ArmDeploymentError('ARM rejected the deployment', errors);
  }
}

async function pollDeployment(
  arm: ArmClient,
  request: DeploymentRequest,
  options: DeployOptions,
  log: (message: string) => void,
): Promise<any> {
  const interval = options.pollIntervalMs ?? 15_000;
  const timeout = options.timeoutMs ?? 2 * 60 * 60 * 1000;
  const deadline = Date.now() + timeout;
  let last = '';
  for (;;) {
    // Throttled polls (429 + Retry-After) are retried by the SDK pipeline.
    const response = await arm.send('GET', deploymentPath(request));
    const state = String(response.body?.properties?.provisioningState ?? '');
    if (TERMINAL_STATES.includes(state)) return response.body;
    if (state !== last) log(`Deployment ${request.deploymentName}: ${state}`);
    last = state;
    if (Date.now() > deadline) {
      throw new ArmDeploymentError(
        `Deployment ${request.deploymentName} still ${state} after ${Math.round(
          timeout / 1000,
        )} s; it keeps running in Azure`,
        [],
      );
    }
    await delay(retryAfterMs(response.headers.get('retry-after'), interval));
  }
}

/** Errors of the failed operations, else the deployment's own error. */
async function failedOperations(
  arm: ArmClient,
  request: DeploymentRequest,
  deployment: any,
): Promise<ResourceError[]> {
  const errors: ResourceError[] = [];
  let next: string | undefined = deploymentPath(request, '/operations');
  while (next) {
    const page: { body: any } = await arm.send('GET', next);
    for (const operation of page.body?.value ?? []) {
      if (operation?.properties?.provisioningState === 'Failed') {
        errors.push(...operationErrors(operation));
      }
    }
    next = page.body?.nextLink;
  }
  return errors.length ? errors : armErrorsOf(deployment?.properties?.error);
}

function retryAfterMs(header: string | undefined, fallback: number): number {
  const seconds = Number(header);
  return header && Number.isFinite(seconds) ? seconds * 1000 : fallback;
}

function delay(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
