import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { AksBaselineApi, aksBaselineApiRef } from '../../api';
import { FleetPage } from './FleetPage';

function renderWith(api: Partial<AksBaselineApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[aksBaselineApiRef, api]]}>
      <FleetPage />
    </TestApiProvider>,
  );
}

describe('FleetPage', () => {
  it('names the data source the backend reports', async () => {
    await renderWith({
      getAbout: async () => ({
        plugin: 'aks-baseline',
        version: '0.1.0',
        sources: ['demo', 'catalog'],
        cloud: 'AzureUSGovernment',
      }),
    });

    expect(
      await screen.findByText(/Demo estate .*, Catalog cluster entities/),
    ).toBeInTheDocument();
    expect(screen.getByText('AzureUSGovernment')).toBeInTheDocument();
  });

  it('shows the backend error instead of a blank page', async () => {
    await renderWith({
      getAbout: async () => {
        throw new Error('backend unreachable');
      },
    });

    expect(
      (await screen.findAllByText(/backend unreachable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('Data source')).not.toBeInTheDocument();
  });
});
