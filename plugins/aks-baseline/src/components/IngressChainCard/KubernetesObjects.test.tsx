import { ChainHop } from '@aks-baseline/plugin-aks-baseline-common';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { HopDetails } from './HopDetails';

const podsHop: ChainHop = {
  kind: 'pods',
  title: 'Pods of payments/payments-api',
  status: 'ok',
  statusText: '2 of 2 pods ready',
  details: [],
  controlIds: [],
  kubernetesObjects: [
    { kind: 'Pod', namespace: 'payments', name: 'payments-api-7d9f-abcde' },
    { kind: 'Pod', namespace: 'payments', name: 'payments-api-7d9f-fghij' },
  ],
};

describe("a Kubernetes hop's details", () => {
  it('name each object by kind, namespace and name, with the kubectl command showing it', async () => {
    await renderInTestApp(
      <HopDetails hop={podsHop} controls={[]} titleId="hop" />,
    );
    const term = screen.getByText('Kubernetes objects');
    expect(term.tagName).toBe('DT');
    const objects = term.nextElementSibling!;
    expect(objects.tagName).toBe('DD');
    expect(Array.from(objects.children).map(line => line.textContent)).toEqual([
      'Pod payments/payments-api-7d9f-abcde (kubectl get pod -n payments payments-api-7d9f-abcde)',
      'Pod payments/payments-api-7d9f-fghij (kubectl get pod -n payments payments-api-7d9f-fghij)',
    ]);
  });

  it('says object, not objects, for one, and shows none for an Azure hop', async () => {
    const { unmount } = await renderInTestApp(
      <HopDetails
        hop={{
          ...podsHop,
          kind: 'route',
          title: 'Route',
          kubernetesObjects: [
            { kind: 'IngressRoute', namespace: 'payments', name: 'api' },
          ],
        }}
        controls={[]}
        titleId="hop"
      />,
    );
    expect(screen.getByText('Kubernetes object')).toBeInTheDocument();
    expect(
      screen.getByText('(kubectl get ingressroute -n payments api)'),
    ).toBeInTheDocument();
    unmount();

    await renderInTestApp(
      <HopDetails
        hop={{ ...podsHop, kind: 'listener', kubernetesObjects: undefined }}
        controls={[]}
        titleId="hop"
      />,
    );
    expect(screen.queryByText(/^Kubernetes object/)).not.toBeInTheDocument();
  });
});
