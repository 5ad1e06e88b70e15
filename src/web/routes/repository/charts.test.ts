import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { stackedBarChartSvg } from '../../charts.ts'
import { barChartOrNote } from './charts.ts'

/** The text of every tick label and title in an SVG. */
function labels(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])
}

const options = { title: 'Reviews by year', axisTitle: 'Reviews' }

describe('statistics charts', () => {
  test('every count suppressed: a sentence instead of a chart', async () => {
    const result = await barChartOrNote(
      [
        { category: '2024', value: null },
        { category: '2023', value: null },
        { category: '2022', value: 0 },
      ],
      options,
    )
    assert.equal(result.svg, null)
    assert.match(result.note ?? '', /every count here is fewer than 5/)
  })

  test('no reviews at all: a sentence that says so', async () => {
    const result = await barChartOrNote([{ category: 'Under 1', value: 0 }], options)
    assert.equal(result.svg, null)
    assert.match(result.note ?? '', /no reviews to count/)
  })

  test('some counts shown: a chart with whole-number ticks only', async () => {
    for (const values of [
      [5, null, 0],
      [7, 12, 5],
      [2300, 5, 1000],
    ]) {
      const result = await barChartOrNote(
        values.map((value, i) => ({ category: `Category ${i}`, value })),
        options,
      )
      assert.equal(result.note, null)
      const ticks = labels(result.svg!).filter((t) => /^[\d.,]+$/.test(t))
      assert.ok(ticks.length >= 2, `ticks for ${values}`)
      for (const tick of ticks) assert.match(tick, /^\d{1,3}(,\d{3})*$/, `tick "${tick}" for ${values}`)
      assert.match(result.svg!, /role="img" aria-label="Reviews by year\. Category 0: /)
    }
  })

  test('the stacked chart of counts never shows a fractional or "0.000000" tick', async () => {
    for (const value of [0, 3]) {
      const svg = await stackedBarChartSvg([{ category: 'Child M', series: 'On time', value }], {
        title: 'Clocks',
        series: ['On time'],
        colours: ['#00703c'],
        summary: 'Clocks',
      })
      const ticks = labels(svg).filter((t) => /^[\d.,]+$/.test(t))
      assert.ok(ticks.length >= 2)
      for (const tick of ticks) assert.match(tick, /^\d+$/, `tick "${tick}" for ${value}`)
    }
  })
})
