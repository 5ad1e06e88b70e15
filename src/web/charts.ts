import * as vega from 'vega'
import * as vegaLite from 'vega-lite'

/** One bar segment: a category on the y axis, a series (colour) and a value. */
export interface BarDatum {
  category: string
  series: string
  value: number
}

/**
 * A horizontal stacked bar chart as an SVG string, rendered on the server with Vega-Lite (no
 * JavaScript in the browser). Pages always show the data table beside it; the SVG carries a
 * plain-English `aria-label` summary.
 *
 * Contract: `series` lists the colours' order; values are counts ≥ 0. Throws only if Vega fails.
 */
export async function stackedBarChartSvg(
  data: BarDatum[],
  options: {
    title: string
    series: string[]
    colours: string[]
    summary: string
    /** What the bars count (the x axis title); reviews unless said. */
    valueTitle?: string
  },
): Promise<string> {
  const spec = vegaLite.compile({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.title,
    width: 480,
    data: { values: data },
    mark: 'bar',
    encoding: {
      y: { field: 'category', type: 'nominal', title: null, sort: null },
      // Counts: whole-number ticks, and at least 0–1 so an all-zero chart has no "0.000000" tick.
      x: {
        field: 'value',
        type: 'quantitative',
        title: options.valueTitle ?? 'Reviews',
        scale: { domainMin: 0, domainMax: Math.max(1, ...totals(data)), nice: true },
        axis: { tickMinStep: 1, format: ',d' },
      },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { domain: options.series, range: options.colours },
        legend: { orient: 'bottom' },
      },
      order: { field: 'order', type: 'quantitative' },
    },
    config: {
      font: 'Arial, sans-serif',
      axis: { labelFontSize: 14, titleFontSize: 14 },
      legend: { labelFontSize: 14 },
      title: { fontSize: 16 },
    },
  } as vegaLite.TopLevelSpec).spec
  const view = new vega.View(vega.parse(spec), { renderer: 'none' })
  const svg = await view.toSVG()
  await view.finalize()
  // Screen readers get the summary; the table beside the chart holds every number.
  return svg.replace('<svg ', `<svg role="img" aria-label="${escapeAttribute(options.summary)}" `)
}

/** Each category's stacked total (the longest bar sets the axis). */
function totals(data: readonly BarDatum[]): number[] {
  const sums = new Map<string, number>()
  for (const d of data) sums.set(d.category, (sums.get(d.category) ?? 0) + d.value)
  return [...sums.values()]
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
}
