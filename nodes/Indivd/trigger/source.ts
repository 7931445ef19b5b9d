import { DateTime } from 'luxon';
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { append } from '../../shared/arrays';
import { oneOf } from '../../shared/input';
import { nodeParameter, readTimeZone } from '../../shared/parameters';
import type { Bucket, DateRange } from '../../shared/time';
import { calendarGrid } from '../../shared/time';
import type { PollingSettings } from '../../shared/trigger/settings';
import type { TriggerSource } from '../../shared/trigger/poll';
import { rowsOf } from '../../shared/trigger/poll';
import type { DropInRateQuery, DropInRateResponse } from '../metrics/dropInRate';
import { dropInRateItems, fetchDropInRate, usableDropInRate } from '../metrics/dropInRate';
import type { LineCrossQuery } from '../metrics/lineCrosses';
import {
	fetchLineCrosses,
	lineCrossItems,
	lineCrossTimeZone,
	usableLineCrosses,
} from '../metrics/lineCrosses';
import type { ZoneVisitorsQuery } from '../metrics/zoneVisitors';
import { fetchZoneVisitors, usableZoneVisitors, zoneVisitorItems } from '../metrics/zoneVisitors';
import {
	readBounceThreshold,
	readLineCrossFilters,
	readLocations,
	readZones,
} from '../helpers/parameters';
import { zoneDataGrid } from '../helpers/zoneDataGrid';
import { indivdApiRequest } from '../transport';
import type { ZoneInsight } from '../transport/schemas';

export type IndivdTriggerEvent = 'lineCrosses' | 'zoneVisitors' | 'dropInRate';

type TriggerGranularity = 'minute' | 'hour' | 'day';

const granularitiesOf: Record<IndivdTriggerEvent, TriggerGranularity[]> = {
	lineCrosses: ['minute', 'hour', 'day'],
	zoneVisitors: ['hour', 'day'],
	dropInRate: ['hour', 'day'],
};

/** Line crosses are counted per minute; zone data is kept as hourly records (zoneDataGrid.ts). */
const recordMs = { lineCrosses: 60_000, zoneData: 3_600_000 };

/**
 * The calendar days, in `zone`, of the rows that hold the window's buckets: Indivd asks in days
 * and files each record under the local date it starts on, so the last day is that of the
 * window's last record, which in a zone with a half-hour offset is not the date the window ends on.
 */
function daysOf(window: Bucket, zone: string, lastRecordMs: number): DateRange {
	const date = (instant: number) => DateTime.fromMillis(instant, { zone }).toISODate() as string;
	return { startDate: date(window.start), endDate: date(window.end - lastRecordMs) };
}

/** The calendar parts of the row holding the bucket that starts at `start` (a record's start). */
function partsOf(start: number, zone: string, granularity: TriggerGranularity): IDataObject {
	const local = DateTime.fromMillis(start, { zone });
	const parts: IDataObject = { year: local.year, month: local.month, dayofmonth: local.day };
	if (granularity !== 'day') parts.hour = local.hour;
	if (granularity === 'minute') parts.minute = local.minute;
	return parts;
}

const byStart = (items: IDataObject[]) => new Set(items.map((item) => String(item.bucketStart)));

/**
 * Indivd leaves out buckets without data (it groups like MongoDB), yet every closed bucket is to
 * be emitted: the missing ones of each known scope come back as zero rows built by the same code.
 */
function missing(buckets: Bucket[], present: Set<string>): Bucket[] {
	return buckets.filter((bucket) => !present.has(new Date(bucket.start).toISOString()));
}

function lineCrossSource(
	context: IPollFunctions,
	granularity: TriggerGranularity,
): TriggerSource['fetch'] {
	const aggregateBy = granularity === 'day' ? 'dayofmonth' : granularity;
	const filters = readLineCrossFilters(context, 0);
	const locations = readLocations(context, 0);
	return async (window, buckets) => {
		const items: IDataObject[] = [];
		for (const location of locations.length ? locations : [undefined]) {
			const query: LineCrossQuery = {
				...filters,
				location,
				aggregateBy,
				period: daysOf(window, lineCrossTimeZone, recordMs.lineCrosses),
			};
			const { rows, warning } = usableLineCrosses(
				(await fetchLineCrosses(context, query)).rows,
				query,
			);
			const found = lineCrossItems(rows, query, warning);
			const zeros = missing(buckets, byStart(found)).map(
				(bucket) =>
					lineCrossItems(
						[{ _id: partsOf(bucket.start, lineCrossTimeZone, granularity), count: 0 }],
						query,
						warning,
					)[0],
			);
			append(append(items, found), zeros);
		}
		return rowsOf(items);
	};
}

/** A bucket without a row: no visits, and nothing else Indivd would give. */
function zeroInsight(parts: IDataObject, zoneId: number, zoneName: unknown): ZoneInsight {
	return {
		visits: 0,
		dwell_time_stats: { quantiles: [] },
		exclude: {},
		aggregation: { ...parts, zone_id: zoneId, zone_name: (zoneName as string) ?? null },
	};
}

function zoneVisitorSource(
	context: IPollFunctions,
	granularity: TriggerGranularity,
	timeZone: string,
): TriggerSource['fetch'] {
	const locations = readLocations(context, 0);
	const zones = readZones(context, 0);
	const bounceThreshold = readBounceThreshold(context, 0);
	const groupings = [granularity === 'day' ? 'dayofmonth' : 'hour'];
	return async (window, buckets) => {
		const query: ZoneVisitorsQuery = {
			period: daysOf(window, timeZone, recordMs.zoneData),
			groupings,
			locations,
			zones,
			bounceThreshold,
			timeZone,
		};
		const answer = await fetchZoneVisitors(context, query);
		const { response, warning } = usableZoneVisitors(answer.data, query);
		// A zone without visits in the window is absent from the answer, so without chosen zones
		// the zones to zero-fill come from the filter list, or such buckets would be skipped.
		const known = zones.length
			? zones.map((id) => ({ id, name: null as string | null | undefined }))
			: await indivdApiRequest(context, '/filters/zones', { location: locations.join(',') });
		const names = new Map<number, unknown>(known.map((zone) => [zone.id, zone.name ?? null]));
		for (const insight of response.current.insights) {
			const zoneId = insight.aggregation.zone_id;
			if (zoneId !== undefined)
				names.set(zoneId, insight.aggregation.zone_name ?? names.get(zoneId));
		}
		const found = zoneVisitorItems(response, query, new Map(), warning);
		const zeros: IDataObject[] = [];
		for (const [zoneId, zoneName] of names) {
			const present = byStart(found.filter((item) => item.zoneId === zoneId));
			for (const bucket of missing(buckets, present)) {
				const insight = zeroInsight(partsOf(bucket.start, timeZone, granularity), zoneId, zoneName);
				const [zero] = zoneVisitorItems(
					{ current: { insights: [insight] }, comparison: undefined },
					query,
					new Map(),
					warning,
				);
				zeros.push(zero);
			}
		}
		return rowsOf([...found, ...zeros]);
	};
}

function dropInSource(
	context: IPollFunctions,
	granularity: TriggerGranularity,
	timeZone: string,
): TriggerSource['fetch'] {
	const locations = readLocations(context, 0);
	const zones = readZones(context, 0);
	const interval = granularity === 'day' ? 'day' : 'hour';
	return async (window, buckets) => {
		const query: DropInRateQuery = {
			period: daysOf(window, timeZone, recordMs.zoneData),
			interval,
			locations,
			zones,
			timeZone,
		};
		const answer = await fetchDropInRate(context, query);
		const { response, warning } = usableDropInRate(answer.data, query);
		const bucketItems = (usable: DropInRateResponse) =>
			dropInRateItems(usable, query, warning).filter((item) => item.granularity !== 'total');
		const found = bucketItems(response);
		const zeros: IDataObject[] = [];
		for (const [key, zone] of Object.entries(response.zone_details.current)) {
			const present = byStart(found.filter((item) => item.zoneId === zone.zone_id));
			for (const bucket of missing(buckets, present)) {
				const row = { ...partsOf(bucket.start, timeZone, granularity), visits: 0, passing_by: 0 };
				const alone = {
					...response,
					zone_details: { current: { [key]: { ...zone, details: [row] } } },
				};
				const [zero] = bucketItems(alone);
				zeros.push(zero);
			}
		}
		return rowsOf([...found, ...zeros]);
	};
}

/** The Indivd requests behind one poll, sized to the days that hold the buckets needed. */
export function indivdTriggerSource(
	context: IPollFunctions,
	settings: PollingSettings,
): TriggerSource {
	const event = oneOf<IndivdTriggerEvent>(
		nodeParameter(context, 0, 'event', 'lineCrosses'),
		['lineCrosses', 'zoneVisitors', 'dropInRate'],
		'Event',
	);
	const granularity = oneOf(
		nodeParameter(context, 0, 'granularity', 'hour'),
		granularitiesOf[event],
		'Granularity',
	);
	const timeZone = event === 'lineCrosses' ? lineCrossTimeZone : readTimeZone(context, 0);
	const fetch =
		event === 'lineCrosses'
			? lineCrossSource(context, granularity)
			: event === 'zoneVisitors'
				? zoneVisitorSource(context, granularity, timeZone)
				: dropInSource(context, granularity, timeZone);
	return {
		schedule: {
			...settings.schedule,
			basis: `indivd|${event}|${granularity}|${timeZone}`,
			granularity,
			timeZone,
			grid:
				event === 'lineCrosses'
					? calendarGrid(granularity, timeZone)
					: zoneDataGrid(granularity, timeZone),
		},
		fetch,
	};
}
