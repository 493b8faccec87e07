export { binsFor, finiteExtent, histogram, type Histogram } from './histogram'
