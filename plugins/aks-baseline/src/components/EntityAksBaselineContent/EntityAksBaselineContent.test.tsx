import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { AksBaselineApi, aksBaselineApiRef } from '../../api';
import {
  devCluster,
  devLookup,
  responseError,
} from '../../__testUtils__/fixtures';
import { EntityAksBaselineContent } from './EntityAksBaselineContent';
import { EntityCertificatesCard } from './EntityCards';

const cluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'aks-dev-neu',
    namespace: 'default',
    annotations: { 'aks-baseline.io/resource-id': devCluster.resourceId },
  },
  spec: { type: 'kubernetes-cluster' },
};

const app: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: {
      'aks-baseline.io/cluster': 'resource:default/aks-prod-weu',
      'aks-baseline.io/namespace': 'payments',
      'aks-baseline.io/host': 'payments.contoso-demo.com',
    },
  },
  spec: { type: 'service' },
};

const unannotated: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'internal-docs', namespace: 'default' },
  spec: { type: 'website' },
};

function renderFor(
  entity: Entity,
  getEntity: AksBaselineApi['getEntity'],
  content = <EntityAksBaselineContent />,
) {
  return renderInTestApp(
    <TestApiProvider apis={[[aksBaselineApiRef, { getEntity }]]}>
      <EntityProvider entity={entity}>{content}</EntityProvider>
    </TestApiProvider>,
    // An app's tab links to its cluster's entity page.
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntityAksBaselineContent', () => {
  it('shows an unannotated app which annotations to add, without asking the backend', async () => {
    const getEntity = jest.fn();
    await renderFor(unannotated, getEntity);

    expect(
      screen.getByText('AKS Baseline is not set up for this entity'),
    ).toBeInTheDocument();
    const annotations = screen.getAllByRole('term').map(t => t.textContent);
    expect(annotations).toEqual([
      'aks-baseline.io/cluster',
      'aks-baseline.io/namespace',
      'aks-baseline.io/host',
    ]);
    // The snippet is the entity's own catalog-info.yaml, with the annotations.
    const snippet = document.querySelector('pre')!.textContent;
    expect(snippet).toContain('name: internal-docs');
    expect(snippet).toContain(
      'aks-baseline.io/cluster: resource:default/<cluster-entity-name>',
    );
    expect(getEntity).not.toHaveBeenCalled();
  });

  it('shows an unannotated cluster its resource id annotation', async () => {
    await renderFor(
      { ...cluster, metadata: { name: 'aks-new', namespace: 'default' } },
      jest.fn(),
    );

    expect(screen.getAllByRole('term').map(t => t.textContent)).toEqual([
      'aks-baseline.io/resource-id',
    ]);
  });

  it('shows progress while loading', async () => {
    await renderFor(cluster, () => new Promise(() => {}));

    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows a cluster chain, certificates and controls', async () => {
    const getEntity = jest.fn(async () => devLookup);
    await renderFor(cluster, getEntity);

    expect(
      await screen.findByRole('list', {
        name: 'Ingress chain for dev.contoso-demo.com',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('expires in 21 days')).toBeInTheDocument();
    expect(screen.getByText('expires in 5 days')).toBeInTheDocument();
    expect(screen.getByText('expired 3 days ago')).toBeInTheDocument();
    expect(screen.getByText('Baseline controls')).toBeInTheDocument();
    expect(getEntity).toHaveBeenCalledWith('resource:default/aks-dev-neu');
  });

  it("shows an app's chain narrowed to its host", async () => {
    await renderFor(app, async () => ({
      ...devLookup,
      kind: 'app',
      entityRef: 'component:default/payments-api',
      app: { namespace: 'payments', host: 'dev.contoso-demo.com' },
    }));

    expect(
      await screen.findByText('dev.contoso-demo.com on aks-dev-neu'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('aks-baseline-app-cluster')).toHaveTextContent(
      /^Runs in namespace payments on cluster aks-dev-neu \(/,
    );
    expect(screen.getByRole('link', { name: 'aks-dev-neu' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/aks-dev-neu',
    );
  });

  it('links an app to the cluster its annotation names when the snapshot has no entity ref', async () => {
    await renderFor(app, async () => ({
      ...devLookup,
      kind: 'app',
      entityRef: 'component:default/payments-api',
      cluster: { ...devLookup.cluster, entityRef: undefined },
      app: { namespace: 'payments', host: 'dev.contoso-demo.com' },
    }));
    expect(
      await screen.findByRole('link', { name: 'aks-dev-neu' }),
    ).toHaveAttribute('href', '/catalog/default/resource/aks-prod-weu');
  });

  it('says when the data is stale and what could not be read', async () => {
    await renderFor(cluster, async () => ({
      ...devLookup,
      stale: true,
      staleReason: 'subscription answered 429 three times',
      cluster: {
        ...devCluster,
        errors: [
          {
            scope: 'kv-aks-dev-neu',
            kind: 'vault',
            message: 'no Reader on the vault',
            status: 403,
          },
        ],
      },
    }));

    expect(
      await screen.findByText(/the last refresh could not update this cluster/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('subscription answered 429 three times'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/1 part of this cluster could not be read/),
    ).toBeInTheDocument();
  });

  it('says in one line that the API server denies the portal, without an error card', async () => {
    const reason =
      "API server answered 403: the portal's identity lacks list on pods; grant the plugin's ClusterRole";
    await renderFor(cluster, async () => ({
      ...devLookup,
      cluster: {
        ...devCluster,
        errors: [
          {
            scope: devCluster.resourceId,
            kind: 'kubernetes',
            message: reason,
            status: 403,
          },
        ],
      },
    }));

    const line = await screen.findByTestId('aks-baseline-access-denied');
    expect(line).toHaveTextContent(
      `The portal may not read this cluster's API server: ${reason}`,
    );
    expect(screen.queryByText(/could not be read/)).not.toBeInTheDocument();
    // The ARM half is still there.
    expect(
      screen.getByRole('table', { name: 'Certificates' }),
    ).toBeInTheDocument();
  });

  it('explains a 404 instead of a blank tab', async () => {
    await renderFor(cluster, async () => {
      throw responseError(
        404,
        'Cluster /subscriptions/x is not in the fleet snapshot',
      );
    });

    expect(
      await screen.findByText(
        'Cluster /subscriptions/x is not in the fleet snapshot',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/first refresh has not finished/),
    ).toBeInTheDocument();
  });

  it('shows the help panel with a 400 about the annotations', async () => {
    await renderFor(app, async () => {
      throw responseError(
        400,
        'Invalid query: entityRef must be an entity ref',
      );
    });

    expect(
      await screen.findByText('Invalid query: entityRef must be an entity ref'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('AKS Baseline is not set up for this entity'),
    ).toBeInTheDocument();
  });
});

describe('EntityCertificatesCard', () => {
  it('reads the current entity and lists its certificates', async () => {
    await renderFor(cluster, async () => devLookup, <EntityCertificatesCard />);

    const table = await screen.findByRole('table', { name: 'Certificates' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
  });

  it('shows the help panel on an unannotated entity', async () => {
    await renderFor(unannotated, jest.fn(), <EntityCertificatesCard />);

    expect(
      screen.getByText('AKS Baseline is not set up for this entity'),
    ).toBeInTheDocument();
  });
});
