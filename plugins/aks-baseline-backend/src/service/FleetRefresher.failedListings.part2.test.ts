import { describeFailedListings } from '../__testUtils__/failedListingsSuite';

// The second half of the listed types, the clusters' and a vault's secrets.
describeFailedListings('second-half');
