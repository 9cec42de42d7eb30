// Conditional reveals on the impact assessment pages (surveys/templates/officers/assessments/
// _radios.html): the field under a chosen radio shows, the others hide. Progressive enhancement
// only: without it every field shows, and the server reads only the chosen one's.
const radios = [...document.querySelectorAll('input[type="radio"][data-reveal-controls]')]
const sync = () => {
  radios.forEach(radio => {
    const target = document.getElementById(radio.dataset.revealControls)
    if (target) target.classList.toggle('govuk-radios__conditional--hidden', !radio.checked)
  })
}
radios.forEach(radio => radio.setAttribute('aria-controls', radio.dataset.revealControls))
document.addEventListener('change', event => {
  if (event.target.type === 'radio') sync()
})
window.addEventListener('pageshow', sync)
sync()
