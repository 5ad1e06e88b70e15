import * as vega from 'vega'
import * as vegaLite from 'vega-lite'

/** One bar: a category and its count. Suppressed counts (null) are not drawn. */
export interface CountDatum {
  readonly category: string
  readonly value: number | null
}

/** A chart to show, or the sentence to show instead when there is nothing to draw. */
export type ChartOrNote = { readonly svg: string; readonly note: null } | { readonly svg: null; readonly note: string }

/**
 * A bar chart of counts ({@link barChartSvg}), or a sentence instead when no bar could be drawn:
 * every count suppressed (fewer than 5) or zero. An empty chart with a "0.000000" axis tells
 * nobody anything; the table beside it always holds the numbers.
 *
 * Contract: `note` is set exactly when `svg` is null. Throws only if Vega fails.
 */
export async function barChartOrNote(
  data: readonly CountDatum[],
  options: { title: string; axisTitle: string },
): Promise<ChartOrNote> {
  if (data.some((d) => d.value !== null && d.value > 0)) return { svg: await barChartSvg(data, options), note: null }
  const note = data.some((d) => d.value === null)
    ? 'There is no chart because every count here is fewer than 5. The table gives the counts.'
    : 'There is no chart because there are no reviews to count.'
  return { svg: null, note }
}

/**
 * A horizontal bar chart of counts as an SVG string, rendered on the server with Vega-Lite (no
 * JavaScript in the browser). The page shows the data table beside it; counts of fewer than 5
 * are suppressed (null) and not drawn, and the `aria-label` summary says so. Axis ticks are
 * whole numbers (counts have no fractions).
 *
 * Contract: categories are drawn in the order given. Throws only if Vega fails. Pages should use
 * {@link barChartOrNote}, which does not draw a chart without bars.
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
      x: {
        field: 'value',
        type: 'quantitative',
        title: options.axisTitle,
        // Whole-number ticks; a zero domain is widened to 0–1 so no "0.000000" tick appears.
        scale: { domainMin: 0, domainMax: Math.max(1, ...data.map((d) => d.value ?? 0)), nice: true },
        axis: { tickMinStep: 1, format: ',d' },
      },
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
