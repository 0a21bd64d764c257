/** The toolbar across the top: open, save, export, view, blast radius, search. Tab moves through it. */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store';
import { exportDiagram, exportPng, openDemo, openDialog, saveSnapshot } from '../store/actions';
import { graphHandle } from '../graph/graph-handle';
import { RecentMenu } from './RecentMenu';
import { SearchBox } from './SearchBox';

export function Toolbar() {
  const { hasDeployment, opening, blastOn, setBlast } = useAppStore(
    useShallow((s) => ({ hasDeployment: s.deployment !== null, opening: s.opening, blastOn: s.blastOn, setBlast: s.setBlast })),
  );
  return (
    <header className="toolbar">
      <h1 className="app-name">PoolPilot</h1>
      <div className="toolbar-group" role="group" aria-label="Open">
        <button type="button" data-testid="toolbar-open" aria-label="Open a topology file or snapshot" disabled={opening} onClick={() => void openDialog()}>
          Open…
        </button>
        <RecentMenu disabled={opening} />
        <button type="button" data-testid="toolbar-demo" aria-label="Open the built-in demo deployment" disabled={opening} onClick={() => void openDemo()}>
          Demo
        </button>
      </div>
      {/* While a deployment opens, the graph is not yet the one to save or export. */}
      <div className="toolbar-group" role="group" aria-label="Save">
        <button type="button" data-testid="toolbar-save-snapshot" aria-label="Save snapshot of this deployment" disabled={!hasDeployment || opening} onClick={() => void saveSnapshot()}>
          Save snapshot
        </button>
      </div>
      {/* The graph as a picture (PNG, as drawn), or the deployment diagram laid out as on screen (draw.io, SVG). */}
      <div className="toolbar-group toolbar-export" role="group" aria-label="Export">
        <button type="button" data-testid="toolbar-export-png" title="Export the graph as a PNG image" aria-label="Export PNG image of the graph" disabled={!hasDeployment || opening} onClick={() => void exportPng()}>
          PNG
        </button>
        <button type="button" data-testid="toolbar-export-drawio" title="Export the deployment diagram for draw.io" aria-label="Export draw.io diagram of the deployment, laid out as on screen" disabled={!hasDeployment || opening} onClick={() => void exportDiagram('drawio')}>
          draw.io
        </button>
        <button type="button" data-testid="toolbar-export-svg" title="Export the deployment diagram as SVG" aria-label="Export SVG picture of the deployment diagram, laid out as on screen" disabled={!hasDeployment || opening} onClick={() => void exportDiagram('svg')}>
          SVG
        </button>
      </div>
      <div className="toolbar-group" role="group" aria-label="Deployment">
        <button type="button" data-testid="toolbar-discover" aria-label="Discover the deployment (lab or live) and keep a snapshot" onClick={() => useAppStore.getState().openDiscoveryDialog('discover')}>
          Discover…
        </button>
        <button type="button" data-testid="toolbar-snapshots" aria-label="Kept snapshots: open one, or compare the deployment on screen with it" onClick={() => useAppStore.getState().openDiscoveryDialog('snapshots')}>
          Snapshots…
        </button>
      </div>
      <div className="toolbar-group" role="group" aria-label="View">
        <button type="button" data-testid="toolbar-fit" aria-label="Fit the whole graph in the window" disabled={!hasDeployment} onClick={() => graphHandle()?.fit()}>
          Fit
        </button>
        <button type="button" data-testid="toolbar-relayout" aria-label="Re-layout the graph" disabled={!hasDeployment} onClick={() => graphHandle()?.relayout()}>
          Re-layout
        </button>
        <button
          type="button"
          className="toggle"
          data-testid="toolbar-blast"
          aria-pressed={blastOn}
          aria-label="Blast radius: highlight what depends on the selected element"
          onClick={() => setBlast(!blastOn)}
        >
          <span className="toggle-mark" aria-hidden="true">
            {blastOn ? '✓' : ''}
          </span>
          Blast radius
        </button>
      </div>
      <div className="toolbar-spacer" />
      <SearchBox />
    </header>
  );
}
