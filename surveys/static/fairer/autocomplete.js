// Turns a long select marked data-fairer-autocomplete (the neighbourhood list) into GOV.UK's
// accessible autocomplete. Without this script, or if it fails, the select works as it is.
// The library's look comes from its stylesheet, not injected styles: the CSP allows no inline CSS.
import '../govuk/accessible-autocomplete.min.js'

const accessibleAutocomplete = window.accessibleAutocomplete

function optionText (option) {
  return (option.textContent || '').trim()
}

function enhance (select) {
  const byText = new Map()
  for (const option of select.options) {
    if (option.value) byText.set(optionText(option), option)
  }
  accessibleAutocomplete.enhanceSelectElement({
    selectElement: select,
    defaultValue: select.value ? optionText(select.options[select.selectedIndex]) : '',
    showAllValues: true,
    name: '',
    tNoResults: () => select.dataset.noResults,
    tAssistiveHint: () => select.dataset.assistiveHint,
    // Clearing the box, or leaving words that match no choice, unselects: nothing is sent that
    // the person no longer sees.
    onConfirm: (text) => {
      const input = document.getElementById(select.id.replace(/-select$/, ''))
      const typed = text === undefined && input ? input.value.trim() : text
      const option = byText.get(typed)
      select.value = option ? option.value : ''
    }
  })
}

if (accessibleAutocomplete) {
  document.querySelectorAll('select[data-fairer-autocomplete]').forEach(enhance)
}
