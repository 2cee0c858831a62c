import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EGRESS_FIELD_NAME, EgressField, validateEgress } from './EgressField';

/** The onboarding template's Egress page (templates/app-onboarding/template.yaml). */
const egressPage = {
  title: 'Egress',
  description:
    'Everything the app sends is denied except DNS and what you list here.',
  schema: {
    properties: {
      egress: {
        title: 'Allowed destinations',
        type: 'array',
        maxItems: 20,
        'ui:field': EGRESS_FIELD_NAME,
        'ui:options': { orderable: false },
        items: {
          title: 'Destination',
          type: 'object',
          required: ['ports'],
          properties: {
            namespace: {
              title: 'Namespace',
              type: 'string',
              maxLength: 63,
              pattern: '^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$',
            },
            podLabels: {
              title: 'Pod labels',
              type: 'object',
              additionalProperties: { type: 'string', maxLength: 63 },
            },
            cidr: { title: 'CIDR', type: 'string' },
            ports: {
              title: 'Ports',
              type: 'array',
              minItems: 1,
              maxItems: 10,
              'ui:options': { orderable: false, itemName: 'port' },
              items: {
                title: 'Port and protocol',
                type: 'object',
                required: ['port'],
                properties: {
                  port: {
                    title: 'Port',
                    type: 'integer',
                    minimum: 1,
                    maximum: 65535,
                  },
                  protocol: {
                    title: 'Protocol',
                    type: 'string',
                    enum: ['TCP', 'UDP', 'SCTP'],
                    default: 'TCP',
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

/** The page in the scaffolder's own form (rjsf, its theme and validation), with the field. */
async function renderEgressPage() {
  const onCreate = jest.fn(async (_values: Record<string, unknown>) => {});
  await renderInTestApp(
    <Stepper
      manifest={{ title: 'Onboard an app', steps: [egressPage as any] }}
      extensions={[
        {
          name: EGRESS_FIELD_NAME,
          component: EgressField,
          validation: validateEgress,
        },
      ]}
      onCreate={onCreate}
    />,
  );
  return onCreate;
}

const button = (name: string | RegExp) => screen.getByRole('button', { name });

describe('EgressField', () => {
  beforeAll(() => {
    // The stepper scrolls to the top on each page; jsdom has no layout.
    window.scrollTo = jest.fn();
  });
  // The whole scaffolder form in jsdom, typed into key by key: slow on a busy machine.
  jest.setTimeout(60_000);

  it('names every add and remove button by what it adds or removes and where', async () => {
    await renderEgressPage();
    await userEvent.click(button('Add destination'));
    await userEvent.click(button('Add destination'));

    expect(button('Remove destination 1')).toBeInTheDocument();
    expect(button('Remove destination 2')).toBeInTheDocument();
    expect(button('Add port to destination 2')).toBeInTheDocument();
    await userEvent.click(button('Add port to destination 2'));
    expect(button('Remove port 2 of destination 2')).toBeInTheDocument();

    await userEvent.click(button('Add pod label to destination 1'));
    expect(
      button(/^Remove pod label \S+ of destination 1$/),
    ).toBeInTheDocument();

    // No button is left without a name (rjsf's bare icon buttons had only a tooltip).
    for (const b of screen.getAllByRole('button')) {
      expect(b).toHaveAccessibleName();
    }

    await userEvent.click(button('Remove destination 1'));
    expect(
      screen.queryByRole('button', { name: 'Remove destination 2' }),
    ).toBeNull();
    expect(button('Remove destination 1')).toBeInTheDocument();
  });

  it('refuses a destination with both a namespace and a CIDR on its page, and takes a fixed one', async () => {
    const onCreate = await renderEgressPage();
    await userEvent.click(button('Add destination'));
    const destination = screen.getAllByTestId('aks-egress-item')[0];
    await userEvent.type(
      within(destination).getByLabelText('Namespace'),
      'payments',
    );
    await userEvent.type(
      within(destination).getByLabelText('CIDR'),
      '20.50.0.0/16',
    );
    await userEvent.type(within(destination).getByLabelText(/^Port/), '443');

    await userEvent.click(button('Review'));
    expect(
      await screen.findAllByText(
        'Destination 1: give a namespace or a CIDR, not both (add another destination for the other).',
      ),
    ).not.toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Create' })).toBeNull();

    await userEvent.clear(within(destination).getByLabelText('CIDR'));
    await userEvent.click(button('Review'));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );
    await waitFor(() => expect(onCreate).toHaveBeenCalled());
    expect(onCreate.mock.calls[0][0]).toEqual({
      egress: [
        { namespace: 'payments', ports: [{ port: 443, protocol: 'TCP' }] },
      ],
    });
  });
});
