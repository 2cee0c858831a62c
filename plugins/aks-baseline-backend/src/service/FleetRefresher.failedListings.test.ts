import { describeFailedListings } from '../__testUtils__/failedListingsSuite';

// The first half of the listed types (see the suite for why it is split).
describeFailedListings('first-half');
