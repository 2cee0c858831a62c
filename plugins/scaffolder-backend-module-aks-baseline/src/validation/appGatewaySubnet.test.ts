import { validClusterInput } from '../__testUtils__/clusterFixtures';
import { validInput } from '../__testUtils__/onboardingFixtures';
import { parseCreateClusterInput } from './createClusterInput';
import { parseOnboardAppInput } from './onboardAppInput';

/*
 * An App Gateway subnet is one thing to both actions: onboard-app turns it
 * into the allow-list of the app's route (Traefik admits only it), and
 * create-cluster puts App Gateway v2 in it. Either way it must be a private
 * network (RFC 1918, or RFC 6598 shared space, as a spoke may use) that App
 * Gateway v2 can live in: /26 or larger, Microsoft's minimum for v2.
 */
const CASES: Array<[string, boolean, string]> = [
  ['10.240.5.0/24', true, 'the reference subnet'],
  ['10.240.5.0/26', true, "App Gateway v2's smallest"],
  ['172.31.255.0/24', true, 'RFC 1918 172.16.0.0/12'],
  ['192.168.10.0/24', true, 'RFC 1918 192.168.0.0/16'],
  ['100.64.0.0/24', true, 'RFC 6598 shared address space'],
  ['0.0.0.0/0', false, 'everyone'],
  ['10.240.5.0/27', false, 'too small for App Gateway v2'],
  ['10.240.5.0/31', false, 'two addresses'],
  ['10.240.5.4/32', false, 'one address'],
  ['20.50.0.0/24', false, 'public'],
  ['172.32.0.0/24', false, 'just outside 172.16.0.0/12'],
  ['192.169.0.0/24', false, 'just outside 192.168.0.0/16'],
  ['8.0.0.0/7', false, 'public and huge'],
  ['10.240.5.1/24', false, 'host bits set'],
];

function messageOf(parse: () => unknown): string {
  try {
    parse();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

/** The error one action gives about the field's own rule, if any. */
const fieldError = (message: string) =>
  message
    .split(/(?=Invalid input ')/)
    .find(part =>
      part.startsWith(
        `Invalid input 'appGatewaySubnetCidr': must be a private`,
      ),
    );

describe('appGatewaySubnetCidr, one rule for both actions', () => {
  it.each(CASES)('%s: accepted %s (%s)', (cidr, ok) => {
    const onboarding = messageOf(() =>
      parseOnboardAppInput(validInput({ appGatewaySubnetCidr: cidr })),
    );
    const cluster = messageOf(() =>
      parseCreateClusterInput(
        validClusterInput({ appGatewaySubnetCidr: cidr }),
      ),
    );
    // A refused subnet: both actions give the same error. An accepted one:
    // the cluster's address plan may still refuse it (inside the VNet, apart
    // from the other subnets), never the subnet rule.
    const onboardingError = fieldError(onboarding);
    expect({
      onboarding: onboarding === '' ? 'accepted' : onboardingError,
      cluster: fieldError(cluster),
    }).toEqual(
      ok
        ? { onboarding: 'accepted', cluster: undefined }
        : {
            onboarding: `${onboardingError?.split('; got ')[0]}; got "${cidr}"`,
            cluster: onboardingError,
          },
    );
  });
});
