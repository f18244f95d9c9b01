// A horizontal bar chart as plain SVG: a few bars need no chart library in the bundle, and a figure
// with a title and a visually hidden table reads the same to a screen reader as to the eye.
export interface Bar {
  label: string;
  value: number;
}

export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 26;
  const labelWidth = 220;
  const width = 560;
  return (
    <figure className="bar-chart">
      <figcaption>{title}</figcaption>
      <svg width={width} height={bars.length * row + 4} aria-hidden="true" focusable="false">
        {bars.map((b, i) => (
          <g key={b.label} transform={`translate(0 ${i * row})`}>
            <text x={0} y={17} fontSize={13} fill="currentColor">
              {b.label}
            </text>
            <rect x={labelWidth} y={4} height={18} width={((width - labelWidth - 60) * b.value) / max} fill="#1f5fa8" />
            <text x={labelWidth + ((width - labelWidth - 60) * b.value) / max + 6} y={17} fontSize={13} fill="currentColor">
              {b.value}
            </text>
          </g>
        ))}
      </svg>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <tbody>
          {bars.map((b) => (
            <tr key={b.label}>
              <th scope="row">{b.label}</th>
              <td>{b.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
