// The ballot's running total, kept up to date as boxes are ticked. Progressive enhancement only:
// without it, "Check total" asks the server, which also refuses a ballot over the budget.
const total = document.getElementById('running-total')
const boxes = document.querySelectorAll('input[name="projects"][data-cost]')
if (total && boxes.length) {
  const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 })
  const budget = Number(total.dataset.budget)
  const most = Number(total.dataset.maxChoices)
  const inset = total.querySelector('.govuk-inset-text') || total
  const update = () => {
    const ticked = [...boxes].filter(box => box.checked)
    const cost = ticked.reduce((sum, box) => sum + Number(box.dataset.cost), 0)
    if (total.dataset.rule === 'approval') {
      inset.textContent = `You have chosen ${ticked.length} of up to ${most} project${most === 1 ? '' : 's'}.`
    } else if (cost > budget) {
      inset.textContent = `Your choices cost ${pounds.format(cost)}: that is more than the ${pounds.format(budget)} budget.`
    } else {
      inset.textContent = `Your choices cost ${pounds.format(cost)} of ${pounds.format(budget)}. ${pounds.format(budget - cost)} left.`
    }
  }
  boxes.forEach(box => box.addEventListener('change', update))
}
