// The transmission chain around a case (GET /api/cases/:id/chain) drawn as a graph: generations
// from left (sources) to right (their contacts and the cases they became), the case itself marked,
// nodes outside one's scope drawn as anonymous. The picture is one image for assistive technology
// (role="img" with a title and a description); the same nodes and links follow as tables, where
// the cases one may open are links.
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { Chain } from '../../domain/api/contacts.ts';
import { CONTACT_OUTCOME_LABELS, CONTACT_SETTING_LABELS } from '../../domain/contacts.ts';
import { localized } from '../i18n.ts';
import { formatDate } from '../screens/case/shared.tsx';

export type ChainData = z.infer<typeof Chain>;
type ChainNode = ChainData['nodes'][number];

const COL_W = 250;
const BOX_W = 196;
const BOX_H = 46;
const ROW_H = 64;
const TOP = 34;
const LEFT = 10;

/** Text cut to about `px` wide at 12–13 px type (full-width characters ≈ 13 px, others ≈ 7 px). */
export function clip(text: string, px: number): string {
  let width = 0;
  let out = '';
  for (const ch of text) {
    width += /[\u3000-\uffef\u4e00-\u9fff]/.test(ch) ? 13 : 7;
    if (width > px) return `${out}…`;
    out += ch;
  }
  return out;
}

/** Where each node goes: a column per generation, nodes stacked in the order the server gave them. */
export function layoutChain(chain: ChainData) {
  const generations = [...new Set(chain.nodes.map((n) => n.generation))].sort((a, b) => a - b);
  const rows = new Map<number, number>();
  const at = new Map<string, { x: number; y: number }>();
  // The case itself first in its column, then the rest as listed.
  const ordered = [...chain.nodes].sort((a, b) => Number(b.caseId === chain.rootCaseId) - Number(a.caseId === chain.rootCaseId));
  for (const n of ordered) {
    const col = generations.indexOf(n.generation);
    const row = rows.get(n.generation) ?? 0;
    rows.set(n.generation, row + 1);
    at.set(n.id, { x: LEFT + col * COL_W, y: TOP + row * ROW_H });
  }
  const height = TOP + Math.max(1, ...rows.values()) * ROW_H;
  const width = LEFT * 2 + (generations.length - 1) * COL_W + BOX_W;
  return { generations, at, width, height };
}

export function ChainGraph({ chain, caseLink }: { chain: ChainData; caseLink: (caseId: string, label: string) => ReactNode }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { generations, at, width, height } = layoutChain(chain);
  const byId = new Map(chain.nodes.map((n) => [n.id, n]));

  const title = (n: ChainNode) => {
    if (n.hidden) return t('chain.hidden');
    if (n.kind === 'case') return n.caseNumber ? t('chain.caseNo', { number: n.caseNumber }) : t('chain.case');
    return t('chain.contact');
  };
  const who = (n: ChainNode) => (n.hidden ? '' : [n.nameKana ?? n.maskedName, n.ageBand ? localized(n.ageBand) : null, n.sex ? t(`sex.${n.sex}`) : null].filter(Boolean).join(' '));
  const describe = (n: ChainNode) =>
    [title(n), who(n), n.outcome ? localized(CONTACT_OUTCOME_LABELS[n.outcome]) : null, n.caseId === chain.rootCaseId ? t('chain.thisCase') : null]
      .filter(Boolean)
      .join('、');
  const generationLabel = (g: number) => (g === 0 ? t('chain.gen0') : g < 0 ? t('chain.genSource', { n: -g }) : t('chain.genContact', { n: g }));

  const summary = t('chain.summary', { nodes: chain.nodes.length, edges: chain.edges.length, hidden: chain.nodes.filter((n) => n.hidden).length });
  const description = [
    summary,
    ...chain.edges.map((e) => t('chain.edgeText', { from: describe(byId.get(e.from)!), to: describe(byId.get(e.to)!), setting: localized(CONTACT_SETTING_LABELS[e.setting]) })),
  ].join(' ');

  return (
    <div className="chain">
      <div className="chain-scroll">
        <svg
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          className="chain-graph"
        >
          <title id={`${id}-title`}>{t('chain.title')}</title>
          <desc id={`${id}-desc`}>{description}</desc>
          <defs>
            <marker id={`${id}-arrow`} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#3a4656" />
            </marker>
          </defs>
          {generations.map((g, i) => (
            <text key={g} x={LEFT + i * COL_W + BOX_W / 2} y={18} textAnchor="middle" className="chain-gen">
              {generationLabel(g)}
            </text>
          ))}
          {chain.edges.map((e) => {
            const a = at.get(e.from);
            const b = at.get(e.to);
            if (!a || !b) return null;
            const forward = a.x <= b.x;
            const x1 = forward ? a.x + BOX_W : a.x;
            const x2 = forward ? b.x : b.x + BOX_W;
            return <line key={e.exposureId} x1={x1} y1={a.y + BOX_H / 2} x2={x2} y2={b.y + BOX_H / 2} className="chain-edge" markerEnd={`url(#${id}-arrow)`} />;
          })}
          {chain.nodes.map((n) => {
            const p = at.get(n.id)!;
            const root = n.caseId === chain.rootCaseId;
            const cls = ['chain-node', n.kind, n.hidden ? 'hidden' : '', root ? 'root' : ''].filter(Boolean).join(' ');
            return (
              <g key={n.id} className={cls} transform={`translate(${p.x},${p.y})`}>
                <rect width={BOX_W} height={BOX_H} rx={n.kind === 'contact' ? 20 : 4} />
                <text x={8} y={19}>
                  {clip(n.kind === 'contact' && n.outcome ? `${title(n)}・${localized(CONTACT_OUTCOME_LABELS[n.outcome])}` : title(n), BOX_W - 14)}
                </text>
                <text x={8} y={37} className="chain-sub">
                  {n.hidden ? '—' : clip(who(n), BOX_W - 14)}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      {chain.truncated && <p className="help">{t('chain.truncated')}</p>}
      <table>
        <caption>{t('chain.nodesTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('chain.generation')}</th>
            <th scope="col">{t('chain.kind')}</th>
            <th scope="col">{t('chain.who')}</th>
            <th scope="col">{t('chain.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {[...chain.nodes]
            .sort((a, b) => a.generation - b.generation)
            .map((n) => (
              <tr key={n.id}>
                <td>{generationLabel(n.generation)}</td>
                <td>{n.caseId && n.caseId !== chain.rootCaseId ? caseLink(n.caseId, title(n)) : title(n)}</td>
                <td>{n.hidden ? t('chain.hiddenWho') : who(n) || '—'}</td>
                <td>{n.outcome ? localized(CONTACT_OUTCOME_LABELS[n.outcome]) : n.caseId === chain.rootCaseId ? t('chain.thisCase') : '—'}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <table>
        <caption>{t('chain.edgesTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('chain.from')}</th>
            <th scope="col">{t('chain.to')}</th>
            <th scope="col">{t('case.contacts.setting')}</th>
            <th scope="col">{t('case.contacts.lastContactOn')}</th>
          </tr>
        </thead>
        <tbody>
          {chain.edges.map((e) => (
            <tr key={e.exposureId}>
              <td>{describe(byId.get(e.from)!)}</td>
              <td>{describe(byId.get(e.to)!)}</td>
              <td>{localized(CONTACT_SETTING_LABELS[e.setting])}</td>
              <td>{formatDate(e.lastContactOn, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
