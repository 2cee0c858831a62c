import { ClusterListFilters } from '@aks-baseline/plugin-aks-baseline-common';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useState } from 'react';
import { aksBaselineApiRef } from '../../api';

export const CSV_FILE_NAME = 'aks-baseline-clusters.csv';

/** Hands a downloaded file to the browser as if it were a link's target. */
function saveFile(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/**
 * Downloads the current view (same filters, every page) as CSV. Fetched with
 * the user's token (a plain link would not carry it), streamed by the backend.
 */
export const CsvExportButton = ({
  filters,
}: {
  filters: ClusterListFilters;
}) => {
  const api = useApi(aksBaselineApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      saveFile(await api.exportClustersCsv(filters), CSV_FILE_NAME);
    } catch (error) {
      alertApi.post({
        message: `Could not export the clusters: ${(error as Error).message}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      variant="outlined"
      startIcon={<GetAppIcon />}
      onClick={download}
      disabled={busy}
    >
      {busy ? 'Exporting…' : 'Download CSV'}
    </Button>
  );
};
