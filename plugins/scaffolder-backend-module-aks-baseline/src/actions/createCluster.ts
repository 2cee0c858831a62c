import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { InputError } from '@backstage/errors';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, posix } from 'node:path';
import {
  DeployOptions,
  DeploymentOutcome,
  deployTemplate,
} from '../deploy/armDeployment';
import { renderCluster, planClusterFiles } from '../generators/cluster';
import { baseTags } from '../generators/cluster/arm/template';
import {
  clusterEntityRef,
  clusterResourceId,
} from '../generators/cluster/catalogInfo';
import { deploymentName } from '../generators/cluster/deploymentName';
import {
  TRAEFIK_CRDS_PATH,
  checkTraefikCrds,
  requiredTraefikKinds,
} from '../generators/cluster/manifests/crds';
import { KubernetesObject } from '../generators/types';
import { parseCreateClusterInput } from '../validation/createClusterInput';
import {
  CREATE_CLUSTER_FIELD_LABELS,
  withFieldLabels,
} from '../validation/fieldLabels';
import { matches, GUID_PATTERN } from '../validation/rules';
import { examples } from './createCluster.examples';
import { createClusterInputFields } from './createClusterSchema';

export const CREATE_CLUSTER_ACTION_ID = 'aks-baseline:create-cluster';

/**
 * Azure access for `deploy: true`. Everything defaults to production
 * behaviour (DefaultAzureCredential, the public cloud, the SDK's own
 * transport); tests replace the credential and the HTTP transport only.
 *
 * @public
 */
export type CreateClusterActionOptions = Pick<
  DeployOptions,
  | 'credential'
  | 'httpClient'
  | 'endpoint'
  | 'pollIntervalMs'
  | 'timeoutMs'
  | 'retryOptions'
>;

/**
 * `aks-baseline:create-cluster`: a complete secure-baseline cluster as
 * files (ARM template and parameters, Traefik's GitOps manifests, the
 * catalog entity, a README), written only when the generated objects pass
 * every applicable baseline control. Optionally deploys the template.
 *
 * The input fields drive the form and the scaffolder's JSON schema check;
 * the handler parses its input with the same fields, adding what a JSON
 * schema cannot say (refinements, defaults, the address plan).
 *
 * @public
 */
export function createCreateClusterAction(
  options: CreateClusterActionOptions = {},
) {
  return createTemplateAction({
    id: CREATE_CLUSTER_ACTION_ID,
    description:
      'Generates an AKS secure-baseline cluster: ARM deployment template (identities, spoke network, firewall route, Key Vault and container registry over Private Link, WAF policy, App Gateway WAF_v2, AKS, the Flux bootstrap from the GitOps repository), Traefik GitOps manifests with its CRDs and the catalog entity, checked against the baseline controls before anything is written. Optionally deploys it.',
    examples,
    supportsDryRun: true,
    schema: {
      input: createClusterInputFields,
      output: {
        files: z =>
          z
            .array(z.string())
            .describe('Files written, relative to the workspace.'),
        clusterResourceId: z =>
          z.string().describe("The AKS cluster's ARM resource id."),
        entityRef: z =>
          z.string().describe("The cluster's catalog entity ref."),
        catalogInfoPath: z =>
          z
            .string()
            .describe(
              'Path of catalog-info.yaml inside the generated repository (for catalog:register).',
            ),
        controls: z =>
          z
            .array(
              z.object({
                id: z.string().describe('Control id, e.g. NET-01.'),
                status: z.string().describe('pass, fail, not-observed...'),
                reason: z.string().describe('Why.'),
              }),
            )
            .describe('Baseline control results on what was generated.'),
        deployment: z =>
          z
            .object({
              mode: z.string().describe('validated, deployed or skipped.'),
              message: z.string().describe('What happened.'),
            })
            .optional()
            .describe('The ARM deployment, when deploy was requested.'),
        summary: z =>
          z
            .string()
            .describe('What was generated, the control results, what is left.'),
      },
    },
    async handler(ctx) {
      const request = withFieldLabels(CREATE_CLUSTER_FIELD_LABELS, () =>
        parseCreateClusterInput(ctx.input),
      );
      const { spec } = request;
      const crdsPath = resolveSafeChildPath(
        ctx.workspacePath,
        posix.join(request.outputDir || '.', TRAEFIK_CRDS_PATH),
      );
      const crdsText = await readIfPresent(crdsPath);
      const crdsFetched = crdsText !== undefined;
      const rendered = renderCluster(spec, {
        outputDir: request.outputDir,
        notes: request.notes,
        crdsFetched,
      });
      if (crdsText !== undefined) {
        requireTraefikCrds(crdsText, rendered.generated.manifests);
      } else {
        ctx.logger.warn(
          `${TRAEFIK_CRDS_PATH} is not in the workspace (no fetch step before this action): the README says how to add it`,
        );
      }
      // Every path is checked before anything is written or deployed.
      rendered.files.forEach(file =>
        resolveSafeChildPath(ctx.workspacePath, file.path),
      );

      let deployment: DeploymentOutcome | undefined;
      if (request.deploy) {
        deployment = await deployTemplate(
          {
            subscriptionId: spec.subscriptionId,
            resourceGroup: spec.resourceGroup,
            location: spec.location,
            deploymentName: deploymentName(spec),
            template: rendered.generated.template,
            parameters: rendered.generated.parameters.parameters,
            tags: baseTags(spec),
          },
          {
            ...options,
            dryRun: ctx.isDryRun === true,
            log: message => ctx.logger.info(message),
          },
        );
        ctx.logger.info(deployment.message);
      }

      // A deployment that produced Traefik's client id fills it in.
      const clientId = deployment?.outputs?.traefikIdentityClientId;
      const files =
        typeof clientId === 'string' && matches(GUID_PATTERN, clientId)
          ? planClusterFiles(spec, rendered.generated, rendered.gate, {
              outputDir: request.outputDir,
              traefikClientId: clientId,
              crdsFetched,
            })
          : rendered.files;
      for (const file of files) {
        const target = resolveSafeChildPath(ctx.workspacePath, file.path);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, file.content, 'utf8');
      }

      ctx.logger.info(
        `${ctx.isDryRun ? '[dry run] ' : ''}Wrote ${
          files.length
        } files for cluster ${spec.clusterName}`,
      );
      ctx.output(
        'files',
        files.map(f => f.path),
      );
      ctx.output('clusterResourceId', clusterResourceId(spec));
      ctx.output('entityRef', clusterEntityRef(spec));
      ctx.output('catalogInfoPath', '/catalog-info.yaml');
      ctx.output(
        'controls',
        rendered.gate.results.map(r => ({
          id: r.id,
          status: r.status,
          reason: r.reason,
        })),
      );
      if (deployment) {
        ctx.output('deployment', {
          mode: deployment.mode,
          message: deployment.message,
        });
      }
      ctx.output(
        'summary',
        deployment
          ? `${rendered.summary}\nDeployment: ${deployment.message}`
          : rendered.summary,
      );
    },
  });
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The fetched CRD file must define every traefik.io kind the cluster will hold. */
function requireTraefikCrds(text: string, manifests: KubernetesObject[]) {
  const required = requiredTraefikKinds(manifests);
  let check;
  try {
    check = checkTraefikCrds(text, required);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  if (check.missing.length) {
    throw new InputError(
      `${TRAEFIK_CRDS_PATH} does not define the CRDs of ${check.missing.join(
        ', ',
      )} (the generated manifests and onboarded apps use ${required.join(
        ', ',
      )}; the file defines ${
        check.defined.join(', ') || 'none'
      }): fetch Traefik's kubernetes-crd-definition-v1.yml of the pinned release`,
    );
  }
}
