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
import type { DropInRateQuery } from '../metrics/dropInRate';
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
import { LocationDirectory } from '../helpers/locations';
import { zoneDataGrid } from '../helpers/zoneDataGrid';
import { ZoneDirectory, zonesToFill } from '../helpers/zones';
import { dropInZeros, lineCrossZeros, partsOfBuckets, zoneVisitorZeros } from '../metrics/zeroRows';

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
			const { rows, warning, unplaced } = usableLineCrosses(
				(await fetchLineCrosses(context, query)).rows,
				query,
			);
			const found = lineCrossItems(rows, query, warning);
			const parts = partsOfBuckets(buckets, lineCrossTimeZone, granularity);
			append(append(items, found), lineCrossZeros(found, parts, query, warning, unplaced));
		}
		return rowsOf(items, unknownOf(items, 'count'));
	};
}

/**
 * The buckets a row Indivd sent but the package could not place may belong to: their numbers
 * are null (Indivd's rows always carry them), and the trigger asks for them again before it
 * sends them (docs/contract.md §5.3 promise 12).
 */
function unknownOf(items: IDataObject[], field: string): Set<IDataObject> {
	return new Set(items.filter((item) => item[field] === null));
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
		const { response, warning, unplaced } = usableZoneVisitors(answer.data, query);
		// Lists are looked up per poll (a poll is one execution) and only when an item needs them.
		const zoneList = new ZoneDirectory(context);
		const zoneNames = await zonesToFill(zones, locations, response.current.insights, zoneList);
		const locationNames =
			locations.length === 1
				? await new LocationDirectory(context).names()
				: new Map<number, string>();
		const found = zoneVisitorItems(response, query, locationNames, warning);
		const parts = partsOfBuckets(buckets, timeZone, granularity);
		const zeros = zoneVisitorZeros(
			found,
			parts,
			query,
			zoneNames,
			locationNames,
			warning,
			unplaced,
		);
		return rowsOf([...found, ...zeros], unknownOf(zeros, 'visits'));
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
		const { response, warning, unplaced } = usableDropInRate(answer.data, query);
		const found = dropInRateItems(response, query, warning).filter(
			(item) => item.granularity !== 'total',
		);
		const parts = partsOfBuckets(buckets, timeZone, granularity);
		const zeros = dropInZeros(response, found, parts, query, warning, unplaced);
		return rowsOf([...found, ...zeros], unknownOf(zeros, 'passingBy'));
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
	// Line crosses are one scope per location; zone data one per zone, unknown until read when no
	// zone is chosen.
	const selected =
		event === 'lineCrosses'
			? Math.max(1, readLocations(context, 0).length)
			: readZones(context, 0).length || undefined;
	const fetch =
		event === 'lineCrosses'
			? lineCrossSource(context, granularity)
			: event === 'zoneVisitors'
				? zoneVisitorSource(context, granularity, timeZone)
				: dropInSource(context, granularity, timeZone);
	return {
		scopes: selected,
		// Of the trigger's settings only the bounce threshold changes a scope's numbers; the line
		// filters, locations and zones choose the scopes.
		measure:
			event === 'zoneVisitors' ? { bounceThreshold: readBounceThreshold(context, 0) } : undefined,
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
