import {
  ANNOTATION_CLUSTER,
  StampContractEntity,
  clusterAnnotationForms,
} from '@aks-baseline/plugin-aks-baseline-common';
import {
  BackstageCredentials,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { generatedFilesMarkdown } from '../generators/filesMarkdown';
import { renderOnboarding } from '../generators/onboarding';
import { PlannedFile } from '../generators/serialize';
import { parseActionInput } from '../validation/fields';
import {
  ONBOARD_APP_FIELD_LABELS,
  withFieldLabels,
} from '../validation/fieldLabels';
import {
  OnboardAppRequest,
  OnboardingCatalogView,
  clusterRefOf,
  parseOnboardAppInput,
} from '../validation/onboardAppInput';
import { examples } from './onboardApp.examples';
import { onboardAppInputFields } from './onboardAppSchema';

export const ONBOARD_APP_ACTION_ID = 'aks-baseline:onboard-app';

/** What the action needs besides its input. @public */
export interface OnboardAppActionOptions {
  /**
   * The catalog the cluster entity (and its stamp contract) and the apps
   * already on it are read from, with the task's initiator's credentials.
   * Without it every contract-covered input must be given and hosts are
   * not checked against other apps.
   */
  catalog?: Pick<CatalogService, 'getEntityByRef' | 'getEntities'>;
}

/**
 * The action's whole pure path: raw input and what the catalog says about
 * the cluster -> the validated request, the files and the summary. No I/O;
 * `OnboardingCatalogView` `{}` is a run without a catalog.
 * @public
 */
export function planOnboardApp(
  raw: unknown,
  catalog: OnboardingCatalogView = {},
): OnboardAppRequest & { files: PlannedFile[]; summary: string } {
  const request = parseOnboardAppInput(raw, catalog);
  return {
    ...request,
    ...renderOnboarding(request.spec, request.dirs, request.fromCluster),
  };
}

/**
 * `aks-baseline:onboard-app`: everything an app needs on a baseline cluster
 * (namespace, network policies, identity, certificate, Traefik route), the
 * App Gateway fragment for the platform team and the app's catalog entity,
 * written as files for the template's publish steps.
 *
 * The input fields drive the form and the scaffolder's JSON schema check;
 * the handler parses its input with the same fields, adding what a JSON
 * schema cannot say (zod refinements, defaults, rules between fields), so
 * it is safe to call directly. Values the chosen cluster's stamp contract
 * gives (its catalog entity's annotations) are the defaults of the inputs
 * they cover.
 *
 * @public
 */
export function createOnboardAppAction(options: OnboardAppActionOptions = {}) {
  const { catalog } = options;
  return createTemplateAction({
    id: ONBOARD_APP_ACTION_ID,
    description:
      "Onboards an app onto an AKS secure-baseline cluster: namespace, NetworkPolicies, ServiceAccount, SecretProviderClass, Traefik IngressRoute, App Gateway fragment and catalog-info.yaml, as files in the workspace. Gateway names, Key Vault, tenant, Traefik and App Gateway subnet default to the cluster entity's stamp contract; a host another app on the cluster serves is refused.",
    examples,
    supportsDryRun: true,
    schema: {
      input: onboardAppInputFields,
      output: {
        files: z =>
          z
            .array(z.string())
            .describe('Files written, relative to the workspace.'),
        appUrl: z => z.string().describe("The app's public URL."),
        summary: z =>
          z
            .string()
            .describe('What was generated and what is left to wire up.'),
        filesMarkdown: z =>
          z
            .string()
            .describe(
              'Every generated file as Markdown (a heading and a code block each), for a run that publishes nothing.',
            ),
      },
    },
    async handler(ctx) {
      const clusterRef = withFieldLabels(ONBOARD_APP_FIELD_LABELS, () =>
        clusterRefOf(
          parseActionInput(onboardAppInputFields, ctx.input).cluster,
        ),
      );
      const view = catalog
        ? await readCatalogView(
            catalog,
            clusterRef,
            await ctx.getInitiatorCredentials(),
          )
        : {};
      const { spec, files, summary } = withFieldLabels(
        ONBOARD_APP_FIELD_LABELS,
        () => planOnboardApp(ctx.input, view),
      );

      // Resolve every path before writing any, so an unsafe one writes none.
      const targets = files.map(file => ({
        ...file,
        absolutePath: resolveSafeChildPath(ctx.workspacePath, file.path),
      }));
      for (const target of targets) {
        await mkdir(dirname(target.absolutePath), { recursive: true });
        await writeFile(target.absolutePath, target.content, 'utf8');
      }

      ctx.logger.info(
        `${ctx.isDryRun ? '[dry run] ' : ''}Wrote ${files.length} files for ${
          spec.appName
        } on ${spec.clusterRef}`,
      );
      ctx.output(
        'files',
        files.map(f => f.path),
      );
      ctx.output('appUrl', `https://${spec.host}`);
      ctx.output('summary', summary);
      ctx.output('filesMarkdown', generatedFilesMarkdown(files));
    },
  });
}

/**
 * Two catalog reads per run: the cluster entity by ref, and the Components
 * whose cluster annotation names it in any of the forms a ref can be
 * written in (one filtered query, only the fields the host check reads; its
 * cost grows with the apps on that cluster, not with the catalog).
 */
async function readCatalogView(
  catalog: NonNullable<OnboardAppActionOptions['catalog']>,
  clusterRef: string,
  credentials: BackstageCredentials,
): Promise<OnboardingCatalogView> {
  const refForms = clusterAnnotationForms(clusterRef);
  const [clusterEntity, apps] = await Promise.all([
    catalog.getEntityByRef(clusterRef, { credentials }),
    catalog.getEntities(
      {
        filter: {
          kind: 'Component',
          [`metadata.annotations.${ANNOTATION_CLUSTER}`]: refForms,
        },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials },
    ),
  ]);
  return {
    asked: true,
    clusterEntity,
    appsOnCluster: apps.items as StampContractEntity[],
  };
}
