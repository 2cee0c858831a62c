import { ChainHop } from '@aks-baseline/plugin-aks-baseline-common';
import { configApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ChainNotes } from './ChainNotes';

const unseen = (title: string, reason: string): ChainHop => ({
  kind: 'pods',
  title,
  status: 'not-observed',
  statusText: `not observed: ${reason}`,
  details: [],
  controlIds: [],
});

describe('ChainNotes', () => {
  it('says how to see the hops behind a private API server', async () => {
    const reason =
      'API server not reachable from the portal (private cluster): getaddrinfo ENOTFOUND aks-x.privatelink.westeurope.azmk8s.io';
    await renderInTestApp(
      <ChainNotes hops={[unseen('Traefik', reason), unseen('Pods', reason)]} />,
    );
    expect(screen.getByText('Traefik, Pods')).toBeInTheDocument();
    const fix = screen.getByTestId('private-api-server-fix');
    expect(fix).toHaveTextContent(
      "run the portal's backend where it resolves the cluster's private DNS zone",
    );
    // The README section, where the package's README is published (npm
    // by default: package.json has no homepage).
    expect(
      screen.getByRole('link', {
        name: /^private API servers in the plugin's README/,
      }),
    ).toHaveAttribute(
      'href',
      'https://www.npmjs.com/package/@aks-baseline/plugin-aks-baseline#private-api-servers',
    );
    expect(
      screen.getByRole('link', {
        name: /^connecting to a private AKS cluster/,
      }),
    ).toHaveAttribute(
      'href',
      expect.stringMatching(
        /^https:\/\/learn\.microsoft\.com\/azure\/aks\/private-clusters/,
      ),
    );
  });

  it('links to the README where aksBaseline.documentationUrl says it is', async () => {
    const reason =
      'API server not reachable from the portal (private cluster): getaddrinfo ENOTFOUND aks-x.privatelink.westeurope.azmk8s.io';
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            configApiRef,
            mockApis.config({
              data: {
                aksBaseline: {
                  documentationUrl:
                    'https://github.com/contoso/portal/blob/main/plugins/aks-baseline/README.md',
                },
              },
            }),
          ],
        ]}
      >
        <ChainNotes hops={[unseen('Pods', reason)]} />
      </TestApiProvider>,
    );
    expect(
      screen.getByRole('link', {
        name: /^private API servers in the plugin's README/,
      }),
    ).toHaveAttribute(
      'href',
      'https://github.com/contoso/portal/blob/main/plugins/aks-baseline/README.md#private-api-servers',
    );
  });

  it('gives no such advice for another reason', async () => {
    await renderInTestApp(
      <ChainNotes
        hops={[
          unseen(
            'Pods',
            "API server answered 403: the portal's identity lacks list on pods",
          ),
        ]}
      />,
    );
    expect(
      screen.queryByTestId('private-api-server-fix'),
    ).not.toBeInTheDocument();
  });
});
