/**
 * Ephemeral OS disks: the OS disk lives on the VM's cache or temporary
 * disk, so nodes reimage and start faster, and OS disk I/O costs no disk
 * quota. It only works when that local disk holds the whole OS disk, and
 * the generator cannot look a VM size's local disk up offline. So:
 *
 * - for the sizes below, whose local storage Microsoft Learn's size pages
 *   state, the template asks for Ephemeral with an OS disk that fits (at
 *   most AKS's default 128 GiB);
 * - for any other size it sets neither, and AKS decides at deployment with
 *   the size's real cache: Ephemeral when the VM supports it and its cache
 *   holds the default OS disk, else Managed (the API's documented default
 *   for `osDiskType`). The summary says which happened.
 */

/** GiB of local storage an ephemeral OS disk may use, per VM size. */
export const EPHEMERAL_OS_DISK_CAPACITY_GIB: Readonly<Record<string, number>> =
  {
    // Ddsv5 (the defaults): the temporary (resource) disk.
    Standard_D2ds_v5: 75,
    Standard_D4ds_v5: 150,
    Standard_D8ds_v5: 300,
    Standard_D16ds_v5: 600,
    // DSv2 (the reference's sizes): the cache disk.
    Standard_DS2_v2: 86,
    Standard_DS3_v2: 172,
  };

/** AKS's default OS disk size. */
const DEFAULT_OS_DISK_GIB = 128;

/** The pool's OS disk settings: Ephemeral where the size is known to fit, else AKS's choice. */
export function ephemeralOsDisk(
  vmSize: string,
): { osDiskType: 'Ephemeral'; osDiskSizeGB: number } | Record<string, never> {
  const capacity = Object.entries(EPHEMERAL_OS_DISK_CAPACITY_GIB).find(
    ([size]) => size.toLowerCase() === vmSize.toLowerCase(),
  )?.[1];
  if (capacity === undefined) return {};
  return {
    osDiskType: 'Ephemeral',
    osDiskSizeGB: Math.min(DEFAULT_OS_DISK_GIB, capacity),
  };
}

/** Whether the template chooses the OS disk for this size (else AKS does). */
export function knowsEphemeralCapacity(vmSize: string): boolean {
  return 'osDiskType' in ephemeralOsDisk(vmSize);
}
