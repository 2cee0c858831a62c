import { PlannedFile } from '../serialize';
import { OnboardingOutputDirs, OnboardingSpec, onboardingNames } from './spec';
import { workloadIdentitySubject } from './serviceAccount';

/** The short text the template shows when the run ends. */
export function onboardingSummary(
  spec: OnboardingSpec,
  dirs: OnboardingOutputDirs,
  files: PlannedFile[],
  fromCluster: readonly string[] = [],
): string {
  const names = onboardingNames(spec);
  const inCluster = files.filter(f => f.path.startsWith(`${dirs.cluster}/`));
  return [
    `${spec.appName} onboarded onto ${spec.clusterRef} in namespace ${spec.namespace}, served at https://${spec.host}.`,
    `${inCluster.length} files in ${dirs.cluster}/ for the cluster's GitOps repository; the App Gateway fragment in ${dirs.platform}/ is for the platform infrastructure repository.`,
    `Before the route works: the app's pods mount SecretProviderClass ${
      names.secretProviderClass
    } (the TLS secret ${
      names.tlsSecret
    } syncs only while mounted), carry the label azure.workload.identity/use: "true", and identity ${
      spec.keyVault.certificateReaderClientId
    } has a federated credential for ${workloadIdentitySubject(spec)}.`,
    fromCluster.length > 0
      ? `From the cluster's catalog entity (its stamp contract): ${fromCluster.join(
          ', ',
        )}, and the App Gateway names the fragment defaults to (${
          spec.appGateway.target.name
        }); values given as input were used as given.`
      : `Every value was given as input (or a built-in default); the App Gateway fragment defaults to gateway ${spec.appGateway.target.name}.`,
  ].join('\n');
}
