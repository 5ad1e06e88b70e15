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
      x: { field: 'value', type: 'quantitative', title: options.valueTitle ?? 'Reviews', axis: { tickMinStep: 1 } },
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

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
}
