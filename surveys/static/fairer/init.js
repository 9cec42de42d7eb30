// Progressive enhancement for GOV.UK Frontend components. Pages work without it.
import { initAll } from '../govuk/govuk-frontend.min.js'

initAll()
