/* global document */
// Progressive enhancement only: selecting words in the document's text offers to mask them, and on
// the "mask words" page selecting words fills the first and last word pickers. The pickers and the
// paragraph choice work on their own without this file.
const form = document.querySelector('[data-module="app-word-picker"]')
const paragraph = document.getElementById('paragraph')
const data = document.getElementById('word-offsets')
if (form && paragraph && data) {
  const words = JSON.parse(data.textContent)
  const from = form.querySelector('#from')
  const to = form.querySelector('#to')
  for (const hint of form.querySelectorAll('.app-js-only')) hint.hidden = false
  const tokens = (s) => s.match(/[\p{L}\p{N}](?:[\p{L}\p{N}'’-]*[\p{L}\p{N}])?/gu) ?? []
  // the selected words, found in order among the words that can be chosen
  const fill = () => {
    const selection = document.getSelection()
    if (!selection || selection.isCollapsed || !paragraph.contains(selection.anchorNode)) return
    const chosen = tokens(selection.toString())
    if (!chosen.length) return
    for (let i = 0; i + chosen.length <= words.length; i++) {
      if (chosen.every((w, j) => words[i + j].text === w)) {
        from.value = String(words[i].index)
        to.value = String(words[i + chosen.length - 1].index)
        return
      }
    }
  }
  paragraph.addEventListener('mouseup', fill)
  paragraph.addEventListener('keyup', fill)
}

// Escape hides a replacement's explanation without moving focus (WCAG 1.4.13: content on hover or
// focus can be dismissed); it shows again the next time the replacement is focused.
const text = document.getElementById('anonymised')
if (text) {
  text.addEventListener('keydown', (event) => {
    const mark = event.target.closest?.('.app-replacement')
    if (event.key === 'Escape' && mark) mark.classList.add('app-replacement--dismissed')
  })
  text.addEventListener('focusout', (event) => {
    event.target.closest?.('.app-replacement')?.classList.remove('app-replacement--dismissed')
  })
}

// On the document page: words selected inside one paragraph become a link to the mask page with them chosen.
const offer = document.getElementById('mask-selection')
const offerLink = document.getElementById('mask-selection-link')
if (text && offer && offerLink) {
  offer.hidden = false
  const choose = () => {
    const selection = document.getSelection()
    const from = selection?.anchorNode?.parentElement?.closest('.app-paragraph')
    const to = selection?.focusNode?.parentElement?.closest('.app-paragraph')
    const phrase = selection?.toString().trim() ?? ''
    if (!from || from !== to || from.classList.contains('app-paragraph--heading') || !phrase) {
      offerLink.hidden = true
      return
    }
    const url = new URL(offerLink.href)
    url.search = new URLSearchParams({
      paragraph: from.id.replace('para-', ''),
      phrase: phrase.slice(0, 300),
    }).toString()
    offerLink.href = url.toString()
    offerLink.textContent = `Mask “${phrase.length > 60 ? phrase.slice(0, 60) + '…' : phrase}”`
    offerLink.hidden = false
  }
  text.addEventListener('mouseup', choose)
  text.addEventListener('keyup', choose)
}
