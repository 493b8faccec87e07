export { DEMO_FEED_INTERVAL_MS, DemoTickFeed, demoFeedInstruments, type DemoFeedInstrument, type DemoTickFeedOptions } from './sim/demo-tick-feed'
