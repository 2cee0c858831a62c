import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useAbout } from '../../hooks/useAbout';

const SOURCE_LABELS: Record<string, string> = {
  demo: 'Demo estate (recorded Azure responses, no account needed)',
  azure: 'Azure subscriptions',
  config: 'Cluster ids from configuration',
  catalog: 'Catalog cluster entities',
};

/** The fleet page: every baseline cluster the portal knows. */
export const FleetPage = () => {
  const { value: about, loading, error } = useAbout();

  return (
    <Page themeId="tool">
      <Header
        title="AKS Baseline"
        subtitle="Ingress chains, certificates and baseline controls across the fleet"
      />
      <Content>
        <ContentHeader title="Fleet" />
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {about && (
          <InfoCard title="Data source">
            <StructuredMetadataTable
              metadata={{
                'Cluster sources': about.sources
                  .map(s => SOURCE_LABELS[s] ?? s)
                  .join(', '),
                'Azure cloud': about.cloud,
                'Backend plugin version': about.version,
              }}
            />
          </InfoCard>
        )}
      </Content>
    </Page>
  );
};
