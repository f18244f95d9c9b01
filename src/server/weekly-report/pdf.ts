// The weekly report as a PDF (A4 landscape, Japanese with the system's IPA Gothic or the font in
// HERSYS_PDF_FONT): the title with week and dates, the scope, the table by category and disease
// (this week, cumulative, the same week last year) and this week's cases by IDWR age group for the
// diseases with cases. A missing font is the operator's to fix: a 503 (pdf_font_unavailable), never a 500.
import { access, constants } from 'node:fs/promises';
import PDFDocument from 'pdfkit';
import type { WeeklyReport } from '../../domain/api/weekly-report.ts';
import { IDWR_AGE_BANDS, idwrAgeBandLabel } from '../../domain/statistics/age-bands.ts';
import { averagesTable } from '../../domain/sentinel/averages.ts';

export class PdfFontUnavailable extends Error {
  constructor(readonly fontPath: string) {
    super('pdf_font_unavailable');
  }
}

const MARGIN = 36;
const ROW = 15;

/** Resolves to the PDF's bytes; rejects with PdfFontUnavailable when the font file cannot be read. */
export async function weeklyReportPdf(report: WeeklyReport, fontPath: string): Promise<Buffer> {
  try {
    await access(fontPath, constants.R_OK);
  } catch {
    throw new PdfFontUnavailable(fontPath);
  }
  const n = report.notifiable;
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    info: { Title: `hersys weekly surveillance report ${report.week}`, Subject: `${report.week} ${report.from}/${report.to} ${report.scope.prefecture}`, Creator: 'hersys' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('jp', fontPath);
  doc.font('jp');
  const [year, week] = report.week.split('-W');
  doc.fontSize(16).text(`感染症発生動向調査週報　${year}年 第${Number(week)}週（${report.from} 〜 ${report.to}）`);
  doc.fontSize(10).text(`Weekly surveillance report, ${report.week} (${report.from} to ${report.to})`);
  doc.text(`対象 / Area: ${report.scope.name.ja} / ${report.scope.name.en}　　作成 / Generated: ${report.generatedAt}`);
  doc.text('全数把握の感染症。診断週（発生届の診断日のISO週）で集計。取り下げ・下書きは含まない。 / Diseases notified case by case, counted by the ISO week of diagnosis; withdrawn notifications and drafts excluded.');
  doc.moveDown(0.5);

  const width = doc.page.width - 2 * MARGIN;
  const row = (cells: string[], xs: number[], bold = false) => {
    if (doc.y + ROW > doc.page.height - MARGIN) doc.addPage();
    const y = doc.y;
    cells.forEach((c, i) => doc.text(c, MARGIN + xs[i], y, { width: (xs[i + 1] ?? width) - xs[i] - 4, align: i === 0 ? 'left' : 'right', lineBreak: false }));
    doc.x = MARGIN;
    doc.y = y + ROW;
    if (bold) doc.moveTo(MARGIN, doc.y - 2).lineTo(MARGIN + width, doc.y - 2).lineWidth(0.5).stroke();
  };

  doc.fontSize(12).text('類型・疾患別 / By category and disease');
  doc.fontSize(9);
  const cols = [0, 300, 400, 500, 620];
  row(['疾患 / Disease', '今週 / This week', `累積 / Cumulative ${year}`, '前年同週 / Same week last year', ''], cols, true);
  for (const c of n.categories) {
    row([`【${c.name.ja} / ${c.name.en}】`, '', '', '', ''], cols);
    for (const d of c.diseases) row([`　${d.name.ja} / ${d.name.en}`, String(d.thisWeek), String(d.cumulative), String(d.lastYearSameWeek), ''], cols);
  }

  doc.moveDown(1);
  doc.fontSize(12).text('年齢群別（今週） / By age group (this week)', MARGIN);
  doc.fontSize(8);
  if (!n.ageBands.length) {
    doc.text('今週の届出はありません。 / No cases this week.');
  } else {
    const first = 150;
    const step = (width - first - 40) / IDWR_AGE_BANDS.length;
    const xs = [0, ...IDWR_AGE_BANDS.map((_, i) => first + i * step), first + IDWR_AGE_BANDS.length * step];
    row(['疾患 / Disease', ...IDWR_AGE_BANDS.map((b) => idwrAgeBandLabel(b).ja), '計'], xs, true);
    for (const a of n.ageBands) row([a.name.ja, ...a.byAgeBand.map(String), String(a.total)], xs);
  }

  // 定点把握: the area's (and, for the nation, each prefecture's) per-sentinel averages.
  const s = report.sentinel;
  const areas = s ? averagesTable(s.rows, s.diseases) : [];
  if (s && areas.length) {
    doc.moveDown(1);
    doc.fontSize(12).text('定点把握（インフルエンザ/COVID-19定点） / Sentinel surveillance (influenza/COVID-19 sentinels)', MARGIN);
    doc.fontSize(8);
    const step = (width - 150) / s.diseases.length;
    const xs = [0, ...s.diseases.map((_, i) => 150 + i * step)];
    row(['地域 / Area', ...s.diseases.map((d) => `${d.short.ja}：報告数・報告定点/指定定点・定点当たり`)], xs, true);
    const level = { none: '', advisory: ' 注意報', alarm: ' 警報' } as const;
    for (const { name, cells } of areas) {
      row([name.ja, ...cells.map((r) => (r ? `${r.patients}・${r.reporting}/${r.designated}・${r.perSentinel?.toFixed(2) ?? '—'}${r.level ? level[r.level] : ''}` : '—'))], xs);
    }
  }
  doc.end();
  return done;
}
