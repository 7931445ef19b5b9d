// The time package: buckets aligned to a zone's calendar, the text of their fields and keys,
// date ranges, and the user's dates and zones. Modules, from the bottom up:
//   calendar.ts   day numbers and yyyy-MM-dd ranges, without zones
//   zones.ts      zone lookup, cached offsets, wall time <-> instant
//   isoText.ts    shared ISO texts of instants and offsets
//   buckets.ts    bucket edges: bucketStartOf, bucketEndOf
//   series.ts     runs of buckets: which are closed, the next ones, the ones before
//   itemFields.ts a bucket's item fields and key
//   parse.ts      user input: dates, date-times, time zones
// Only what code outside this folder uses is exported here.

import * as buckets from './buckets';
import * as calendar from './calendar';
import * as itemFields from './itemFields';
import * as parse from './parse';
import * as series from './series';
import * as zones from './zones';

export type { Bucket, BucketOptions, Granularity } from './buckets';
export type { DateRange, DateRangeLimits } from './calendar';
export type { Grid } from './series';
export { TimeInputError } from './parse';

// Functions are re-exported as plain values: tsc compiles `export { f } from` into a getter that
// runs on every call through this index, which cost the per-bucket functions several percent
// on a year of minute buckets.
export const { bucketStartOf, bucketEndOf } = buckets;
export const { bucketStartBefore, bucketsFrom, calendarGrid, closedUntil, plusOnCalendar } = series;
export const { bucketFields, bucketKey, steadyEnd } = itemFields;
export const { dayNumber, daysInclusive, splitDateRange } = calendar;
export const { instantFromLocalParts, startOfDay } = zones;
export const { parseDate, parseDateTime, resolveTimeZone } = parse;
