import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WorkloadSentence } from './WorkloadSentence';

const verdict =
  'a0008/traefik-ingress-ilb-vx9nwg5v78-f945f -> inventory-api/inventory-api-7lvr4fsqpf-fbmnx on TCP 8080: allowed';

describe('WorkloadSentence', () => {
  it('says the verdict by workload and shows the pod names on demand', async () => {
    await renderInTestApp(<WorkloadSentence text={verdict} />);
    expect(
      screen.getByText(
        /^pods of a0008\/traefik-ingress-ilb -> pods of inventory-api\/inventory-api on TCP 8080: allowed/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(verdict)).not.toBeInTheDocument();
    const toggle = screen.getByRole('button', { name: 'Show pod names' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(screen.getByText(verdict)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Hide pod names' }),
    ).toHaveAttribute('aria-expanded', 'true');
  });

  it('shows a sentence without pod names as it is, with no toggle', async () => {
    await renderInTestApp(
      <WorkloadSentence text="every pod of payments is isolated" />,
    );
    expect(
      screen.getByText('every pod of payments is isolated'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
