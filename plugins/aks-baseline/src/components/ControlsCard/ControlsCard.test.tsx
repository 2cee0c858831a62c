import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { controls, responseError } from '../../__testUtils__/fixtures';
import { ControlsCard } from './ControlsCard';

describe('ControlsCard', () => {
  it('shows progress while loading', async () => {
    await renderInTestApp(<ControlsCard loading />);

    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await renderInTestApp(
      <ControlsCard error={new Error('Failed to fetch')} />,
    );

    expect(screen.getByText('Failed to fetch')).toBeInTheDocument();
  });

  it('says when there are no results', async () => {
    await renderInTestApp(<ControlsCard controls={[]} />);

    expect(screen.getByText(/No control results/)).toBeInTheDocument();
  });

  it('groups by area, failing areas first and open, with found vs expected', async () => {
    await renderInTestApp(<ControlsCard controls={controls} />);

    expect(screen.getByText('1 of 5 controls failing')).toBeInTheDocument();
    const areas = screen
      .getAllByRole('button', { expanded: true })
      .concat(screen.getAllByRole('button', { expanded: false }))
      .map(b => b.textContent);
    // Open (failing or warning) areas: edge, egress; then the closed ones.
    expect(areas[0]).toMatch(
      /^Edge: App Gateway, WAF and TLS.*fail.*1 fail · 1 pass/,
    );
    expect(areas[1]).toMatch(/^Egress.*warning/);

    const edge = within(screen.getByRole('table', { name: /Edge/ }));
    const [failing, passing] = edge.getAllByRole('row').slice(1);
    expect(within(failing).getByText('WAF-02')).toBeInTheDocument();
    expect(within(failing).getByText('fail')).toBeInTheDocument();
    expect(within(failing).getByText('high')).toBeInTheDocument();
    expect(within(failing).getByText('Detection')).toBeInTheDocument();
    expect(within(failing).getByText('Prevention')).toBeInTheDocument();
    expect(
      within(failing).getByText('the policy only logs attacks'),
    ).toBeInTheDocument();
    expect(within(passing).getByText('TLS-01')).toBeInTheDocument();
  });

  it('shows the fix of a control that is not met: the change, the az command, the Microsoft page', async () => {
    const remediation = {
      change:
        'securityProfile.imageCleaner: { enabled: true, intervalHours: 120 }',
      command:
        'az aks update -g <resource group> -n <cluster> --enable-image-cleaner --image-cleaner-interval-hours 120',
      doc: 'https://learn.microsoft.com/azure/aks/image-cleaner',
    };
    const imageCleaner = {
      id: 'DEF-02',
      title: 'Image cleaner',
      area: 'security-profile' as const,
      severity: 'low' as const,
      field: 'securityProfile.imageCleaner.enabled',
      expected: 'true',
      remediation,
    };
    await renderInTestApp(
      <ControlsCard
        controls={[
          {
            ...imageCleaner,
            status: 'fail',
            found: 'enabled=false',
            reason: 'the image cleaner is off',
          },
        ]}
      />,
    );
    const table = within(
      screen.getByRole('table', { name: /Security profile/ }),
    );
    expect(table.getByText(`Fix: ${remediation.change}`)).toBeInTheDocument();
    expect(table.getByText(remediation.command)).toBeInTheDocument();
    expect(table.getByText(remediation.doc).closest('a')).toHaveAttribute(
      'href',
      remediation.doc,
    );
  });

  it('keeps passing areas closed until opened', async () => {
    await renderInTestApp(<ControlsCard controls={controls} />);

    expect(
      screen.queryByRole('table', { name: /Cluster controls/ }),
    ).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /^Cluster/ }));
    expect(
      await screen.findByRole('table', { name: /Cluster controls/ }),
    ).toBeInTheDocument();
  });

  it('names a 404 as a cluster missing from the snapshot', async () => {
    await renderInTestApp(
      <ControlsCard
        error={responseError(404, 'Cluster y is not in the fleet snapshot')}
      />,
    );

    expect(
      screen.getByText('Cluster y is not in the fleet snapshot'),
    ).toBeInTheDocument();
  });
});
