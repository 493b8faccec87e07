export { binsFor, finiteExtent, histogram, type Histogram } from './histogram'
export { formatProfileStat } from './profile-format'
