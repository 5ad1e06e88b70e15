import * as vega from 'vega'
import * as vegaLite from 'vega-lite'

/** One bar: a category and its count. Suppressed counts (null) are not drawn. */
export interface CountDatum {
  readonly category: string
  readonly value: number | null
}

/**
 * A horizontal bar chart of counts as an SVG string, rendered on the server with Vega-Lite (no
 * JavaScript in the browser). The page shows the data table beside it; counts of fewer than 5
 * are suppressed (null) and not drawn, and the `aria-label` summary says so.
 *
 * Contract: categories are drawn in the order given. Throws only if Vega fails.
 */
export async function barChartSvg(
  data: readonly CountDatum[],
  options: { title: string; axisTitle: string },
): Promise<string> {
  const spec = vegaLite.compile({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.title,
    width: 420,
    data: { values: data.map((d) => ({ category: d.category, value: d.value ?? 0, shown: d.value !== null })) },
    mark: 'bar',
    encoding: {
      y: { field: 'category', type: 'nominal', title: null, sort: null },
      x: { field: 'value', type: 'quantitative', title: options.axisTitle, axis: { tickMinStep: 1 } },
      color: { value: '#1d70b8' },
    },
    config: {
      font: 'Arial, sans-serif',
      axis: { labelFontSize: 13, titleFontSize: 13, labelLimit: 260 },
      title: { fontSize: 16 },
    },
  } as vegaLite.TopLevelSpec).spec
  const view = new vega.View(vega.parse(spec), { renderer: 'none' })
  const svg = await view.toSVG()
  await view.finalize()
  const summary = data.map((d) => `${d.category}: ${d.value === null ? 'fewer than 5' : d.value}`).join('; ')
  return svg.replace(
    '<svg ',
    `<svg role="img" aria-label="${escapeAttribute(`${options.title}. ${summary || 'No reviews'}`)}" `,
  )
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
