import { ChainHop, HopStatus } from '@aks-baseline/plugin-aks-baseline-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { HopStatusLabel } from '../StatusLabel';
import { WorkloadSentence } from '../WorkloadSentence';
import { useReadmeSectionUrl } from '../../documentation';
import {
  isPrivateApiServerReason,
  PRIVATE_API_SERVER_DOC,
  PRIVATE_API_SERVER_FIX,
} from './privateApiServer';

interface Note {
  status: HopStatus;
  text: string;
  hops: string[];
}

/** Hops that share a status text (e.g. one reason for five unobserved hops) share a note. */
function notesFor(hops: ChainHop[]): Note[] {
  const notes: Note[] = [];
  for (const hop of hops) {
    if (hop.status === 'ok') continue;
    // The status label already says "not observed"; the note gives the reason.
    const text =
      hop.status === 'not-observed'
        ? hop.statusText.replace(/^not observed:\s*/, '')
        : hop.statusText;
    const same = notes.find(n => n.status === hop.status && n.text === text);
    if (same) same.hops.push(hop.title);
    else notes.push({ status: hop.status, text, hops: [hop.title] });
  }
  return notes;
}

/** How to see the hops behind a private API server, with the README section that says more. */
const PrivateApiServerFix = () => {
  const readme = useReadmeSectionUrl('privateApiServers');
  return (
    <Typography variant="body2" data-testid="private-api-server-fix">
      {PRIVATE_API_SERVER_FIX} See{' '}
      {/* Underlined: inside a sentence, colour alone does not mark a link. */}
      <Link to={readme} underline="always">
        private API servers in the plugin's README
      </Link>{' '}
      and{' '}
      <Link to={PRIVATE_API_SERVER_DOC} underline="always">
        connecting to a private AKS cluster
      </Link>
      .
    </Typography>
  );
};

/**
 * What is wrong on the chain, or could not be seen, and why, in words under
 * the hops: readable without opening each hop.
 */
export const ChainNotes = ({ hops }: { hops: ChainHop[] }) => {
  const notes = notesFor(hops);
  if (notes.length === 0) return null;
  return (
    <Box component="ul" mt={1.5} mb={0} pl={0} style={{ listStyle: 'none' }}>
      {notes.map(note => (
        <Box component="li" key={`${note.status}|${note.text}`} mt={0.5}>
          <Box display="flex" alignItems="baseline" style={{ gap: 8 }}>
            <HopStatusLabel status={note.status} />
            <Typography variant="body2">
              <strong>{note.hops.join(', ')}</strong>
              {' — '}
              <WorkloadSentence text={note.text} />
            </Typography>
          </Box>
          {isPrivateApiServerReason(note.text) && <PrivateApiServerFix />}
        </Box>
      ))}
    </Box>
  );
};
