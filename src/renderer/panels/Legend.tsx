/** What the shapes, colours and lines mean — drawn from the same palette and shapes as the canvas. */
import type { PoolKind, RelationKind } from '../../shared/model/types';
import { paletteFor, type Palette } from '../../shared/graph/palette';
import { POOL_SHAPES } from '../graph/style';
import { POOL_KIND_NAMES, RELATION_NAMES, RELATION_ORDER } from '../../shared/graph/describe';
import { useTheme } from '../graph/use-theme';

const W = 30;
const H = 22;

/** SVG outline of a cytoscape node shape, fitted to the legend swatch. */
function shapeSvg(kind: PoolKind, fill: string, stroke?: { color: string; dashed?: boolean }) {
  const common = {
    fill,
    stroke: stroke?.color ?? 'none',
    strokeWidth: stroke ? 2.5 : 0,
    strokeDasharray: stroke?.dashed ? '3 2' : undefined,
  };
  const [x0, y0, x1, y1] = [4, 3, W - 4, H - 3];
  const cx = W / 2;
  const cy = H / 2;
  switch (POOL_SHAPES[kind].shape) {
    case 'round-rectangle':
      return <rect x={x0} y={y0} width={x1 - x0} height={y1 - y0} rx={4} {...common} />;
    case 'rectangle':
      return <rect x={x0 + 2} y={y0} width={x1 - x0 - 4} height={y1 - y0} {...common} />;
    case 'cut-rectangle':
      return <polygon points={`${x0 + 4},${y0} ${x1 - 4},${y0} ${x1},${y0 + 4} ${x1},${y1 - 4} ${x1 - 4},${y1} ${x0 + 4},${y1} ${x0},${y1 - 4} ${x0},${y0 + 4}`} {...common} />;
    case 'diamond':
      return <polygon points={`${cx},1 ${W - 5},${cy} ${cx},${H - 1} 5,${cy}`} {...common} />;
    case 'barrel':
      return <path d={`M${cx - 7},${y0} Q${cx},${y0 - 2} ${cx + 7},${y0} Q${cx + 9},${cy} ${cx + 7},${y1} Q${cx},${y1 + 2} ${cx - 7},${y1} Q${cx - 9},${cy} ${cx - 7},${y0} Z`} {...common} />;
    case 'octagon':
      return <polygon points={`${cx - 4},${y0} ${cx + 4},${y0} ${cx + 8},${y0 + 4} ${cx + 8},${y1 - 4} ${cx + 4},${y1} ${cx - 4},${y1} ${cx - 8},${y1 - 4} ${cx - 8},${y0 + 4}`} {...common} />;
    case 'ellipse':
      return <ellipse cx={cx} cy={cy} rx={9} ry={7} {...common} />;
    case 'rhomboid':
      return <polygon points={`${x0 + 5},${y0 + 2} ${x1},${y0 + 2} ${x1 - 5},${y1 - 2} ${x0},${y1 - 2}`} {...common} />;
    case 'triangle':
      return <polygon points={`${cx},${y0} ${cx + 8},${y1} ${cx - 8},${y1}`} {...common} />;
  }
}

const LINE_STYLE: Partial<Record<RelationKind, { width: number; dash?: string }>> = {
  edgeNextHop: { width: 3 },
  mediaEdge: { width: 2, dash: '5 3' },
  backupPool: { width: 2.5, dash: '1 3.5' },
  xmppFederationRoute: { width: 2.5, dash: '7 2 1.5 2' },
  cmsActive: { width: 2 },
  cmsStandby: { width: 2, dash: '4 3' },
  failedOverTo: { width: 3, dash: '5 3' },
};

function lineSvg(kind: RelationKind, p: Palette) {
  const color = p.relation[kind];
  const style = LINE_STYLE[kind] ?? { width: 1 };
  const head = (x: number, dir: 1 | -1) => <polygon points={`${x},11 ${x - dir * 7},7 ${x - dir * 7},15`} fill={color} />;
  return (
    <>
      <line
        x1={kind === 'backupPool' ? 8 : 2}
        y1={11}
        x2={34}
        y2={11}
        stroke={color}
        strokeWidth={style.width}
        strokeDasharray={style.dash}
        strokeLinecap={kind === 'backupPool' ? 'round' : 'butt'}
      />
      {head(41, 1)}
      {kind === 'backupPool' && head(1, -1)}
    </>
  );
}

const KINDS: PoolKind[] = ['FrontEnd', 'Director', 'Edge', 'SqlBackEnd', 'PersistentChat', 'Mediation', 'OfficeOnline', 'FileStore', 'PstnGateway'];

export function Legend() {
  const p = paletteFor(useTheme());
  return (
    <div className="legend" data-testid="legend">
      <ul className="legend-grid" aria-label="Pool kinds">
        {KINDS.map((kind) => (
          <li key={kind}>
            <svg width={W} height={H} aria-hidden="true">
              {shapeSvg(kind, p.pool[kind])}
            </svg>
            {POOL_KIND_NAMES[kind]}
          </li>
        ))}
        <li>
          <svg width={W} height={H} aria-hidden="true">
            {shapeSvg('FrontEnd', p.pool.FrontEnd, { color: p.relation.cmsActive })}
          </svg>
          CMS active
        </li>
        <li>
          <svg width={W} height={H} aria-hidden="true">
            {shapeSvg('FrontEnd', p.pool.FrontEnd, { color: p.relation.cmsStandby, dashed: true })}
          </svg>
          CMS standby
        </li>
        <li>
          <svg width={W} height={H} aria-hidden="true">
            {shapeSvg('Edge', p.pool.Edge, { color: p.relation.sipFederationRoute })}
          </svg>
          SIP federation
        </li>
        <li>
          <svg width={W} height={H} aria-hidden="true">
            <g transform={`translate(${W / 2} ${H / 2}) scale(1.3) translate(${-W / 2} ${-H / 2})`}>
              {shapeSvg('Edge', 'none', { color: p.relation.xmppFederationRoute })}
            </g>
            {shapeSvg('Edge', p.pool.Edge)}
          </svg>
          XMPP federation
        </li>
      </ul>
      <ul className="legend-lines" aria-label="Relations">
        {/* SIP federation is always a site's route to its own Edge pool: a marker, never a line. */}
        {RELATION_ORDER.filter((kind) => kind !== 'sipFederationRoute').map((kind) => (
          <li key={kind}>
            <svg width={44} height={22} aria-hidden="true">
              {lineSvg(kind, p)}
            </svg>
            {kind === 'xmppFederationRoute' ? 'XMPP route from another site' : RELATION_NAMES[kind]}
          </li>
        ))}
      </ul>
      <ul className="legend-grid" aria-label="Highlighting">
        <li>
          <span className="swatch halo" style={{ background: p.selection }} aria-hidden="true" />
          Selected
        </li>
        <li>
          <span className="swatch halo" style={{ background: p.blast }} aria-hidden="true" />
          Depends on it (blast radius)
        </li>
        <li>
          <span className="swatch faded" style={{ background: p.pool.FrontEnd }} aria-hidden="true" />
          Not affected
        </li>
      </ul>
      <ul className="legend-grid" aria-label="What-if">
        <li>
          <svg width={W} height={H} aria-hidden="true">
            {shapeSvg('FrontEnd', p.down.fill, { color: p.down.border, dashed: true })}
          </svg>
          Marked down (✕ DOWN)
        </li>
        <li>
          <svg width={44} height={22} aria-hidden="true">
            <line x1={2} y1={11} x2={40} y2={11} stroke={p.proposed} strokeOpacity={0.35} strokeWidth={10} strokeLinecap="round" />
            <line x1={2} y1={11} x2={40} y2={11} stroke={p.relation.edgeNextHop} strokeWidth={2.5} />
          </svg>
          Proposed change
        </li>
        <li>
          <span className="swatch halo" style={{ background: p.findingFocus }} aria-hidden="true" />
          In the finding shown
        </li>
        <li>
          <span className="swatch halo" style={{ background: p.dropValid }} aria-hidden="true" />
          Can take the next hop (while dragging)
        </li>
      </ul>
    </div>
  );
}
