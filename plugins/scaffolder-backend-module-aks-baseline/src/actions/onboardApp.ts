import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { renderOnboarding } from '../generators/onboarding';
import { parseOnboardAppInput } from '../validation/onboardAppInput';
import { examples } from './onboardApp.examples';
import { onboardAppInputFields } from './onboardAppSchema';

export const ONBOARD_APP_ACTION_ID = 'aks-baseline:onboard-app';

/**
 * `aks-baseline:onboard-app`: everything an app needs on a baseline cluster
 * (namespace, network policies, identity, certificate, Traefik route), the
 * App Gateway fragment for the platform team and the app's catalog entity,
 * written as files for the template's publish steps.
 *
 * The input fields drive the form and the scaffolder's JSON schema check;
 * the handler parses its input with the same fields, adding what a JSON
 * schema cannot say (zod refinements, defaults, rules between fields), so
 * it is safe to call directly.
 *
 * @public
 */
export function createOnboardAppAction() {
  return createTemplateAction({
    id: ONBOARD_APP_ACTION_ID,
    description:
      'Onboards an app onto an AKS secure-baseline cluster: namespace, NetworkPolicies, ServiceAccount, SecretProviderClass, Traefik IngressRoute, App Gateway fragment and catalog-info.yaml, as files in the workspace.',
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
      },
    },
    async handler(ctx) {
      const { spec, dirs } = parseOnboardAppInput(ctx.input);
      const { files, summary } = renderOnboarding(spec, dirs);

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
    },
  });
}
