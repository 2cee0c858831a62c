import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { describePartsReadAt, PartsReadAt } from './PartsReadAt';

describe('PartsReadAt', () => {
  const now = new Date('2026-12-07T12:00:00Z');

  it('says when each part was read', () => {
    expect(
      describePartsReadAt(
        {
          topology: '2026-12-07T11:55:00Z',
          certificates: '2026-12-07T10:00:00Z',
          governance: '2026-12-07T09:30:00Z',
        },
        now,
      ),
    ).toBe(
      'topology read 5 minutes ago · certificates read 2 hours ago · governance settings read 2 hours ago',
    );
  });

  it('leaves out parts with no time, and renders nothing for old snapshots', async () => {
    expect(describePartsReadAt({ topology: '2026-12-07T12:00:00Z' }, now)).toBe(
      'topology read just now',
    );
    await renderInTestApp(<PartsReadAt />);
    expect(screen.queryByTestId('aks-baseline-parts-read-at')).toBeNull();
  });
});
