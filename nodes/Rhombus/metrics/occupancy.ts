import type { IDataObject } from 'n8n-workflow';

import type { CallOptions, RequestContext } from '../../shared/http';
import { unexpectedResponseError } from '../../shared/http';
import { bucketItem } from '../../shared/items';
import { joinWarnings } from '../../shared/warnings';
import type { Granularity } from '../../shared/time';
import { instantFromLocalParts } from '../../shared/time';
import { rhombusApiRequest, rhombusVendor } from '../transport';
import type { OccupancyPoint, RhombusResponse } from '../transport/schemas';
import { earliestMs, latestMs } from '../transport/schemas';
import { bareCameraUuid } from '../helpers/cameraIds';
import { AnswerGaps, warnEach } from '../helpers/answerGaps';
import type { Attempt, PlacedBucket, Reading } from './calendars';
import { everyBucket, gridOf, readOnItsCalendar } from './calendars';

export const occupancyEndpoint = '/api/report/getOccupancyCountsV2';

export type OccupancyResponse = RhombusResponse<typeof occupancyEndpoint>;

export type OccupancyInterval =
	| 'MINUTELY'
	| 'QUARTERHOURLY'
	| 'HOURLY'
	| 'DAILY'
	| 'WEEKLY'
	| 'MONTHLY';

export const intervalGranularity: Record<OccupancyInterval, Granularity> = {
	MINUTELY: 'minute',
	QUARTERHOURLY: 'quarterHour',
	HOURLY: 'hour',
	DAILY: 'day',
	WEEKLY: 'week',
	MONTHLY: 'month',
};

export interface OccupancyQuery {
	/** Camera or device UUID as the user gave it, with or without a `.v0` facet. */
	cameraUuid: string;
	/** Epoch ms, inclusive. */
	start: number;
	/** Epoch ms, exclusive. */
	end: number;
	/** IANA zone the user chose: a calendar Rhombus may count on, and the zone of a total. */
	timeZone: string;
	/** Without an interval Rhombus answers one count for the whole range. */
	interval?: OccupancyInterval;
}

/**
 * What is known of the calendars Rhombus may count this camera on. The request names no zone, so
 * the camera's location is the likeliest; the answer decides (docs/contract.md §8.1).
 */
export interface OccupancyCalendars {
	/** The zone of the camera's location, where already known. */
	locationZone?: string;
	/** A reading an earlier answer showed (a trigger's state). */
	preferred?: Reading;
	/** The location's zone, looked up only when the answer needs it. */
	moreZones?: () => Promise<string[]>;
}

function occupancyRequest(query: OccupancyQuery): IDataObject {
	const body: IDataObject = {
		deviceUuid: query.cameraUuid,
		startTimeMs: query.start,
		endTimeMs: query.end,
	};
	if (query.interval) body.interval = query.interval;
	return body;
}

export async function fetchOccupancy(
	context: RequestContext,
	query: OccupancyQuery,
	options: CallOptions = {},
): Promise<OccupancyResponse> {
	return await rhombusApiRequest(context, occupancyEndpoint, occupancyRequest(query), options);
}

/**
 * `eventCountMap` is keyed by report type (the spec's `TimeSeriesDataPointV2Type` is shared with
 * `getCountReportV2`, whose types are PEOPLE, VEHICLES, FACES …): occupancy is the PEOPLE count.
 * Different types are never added up; a lone other type is read, saying so; several without
 * PEOPLE, or none at all, give no number.
 */
function occupancyOf(point: OccupancyPoint, gaps: AnswerGaps): number | null {
	const map = point.eventCountMap;
	if (map === undefined || map === null) {
		return gaps.orNull(undefined, 'timeSeriesDataPoints rows without eventCountMap');
	}
	if ('PEOPLE' in map) return gaps.orNull(map.PEOPLE, 'eventCountMap values of null');
	const types = Object.keys(map);
	if (types.length === 0) {
		return gaps.orNull(undefined, 'timeSeriesDataPoints rows with an empty eventCountMap');
	}
	if (types.length === 1) {
		gaps.note(`timeSeriesDataPoints rows without a PEOPLE count, read from ${types[0]}`);
		return gaps.orNull(map[types[0]], 'eventCountMap values of null');
	}
	gaps.note(
		`timeSeriesDataPoints rows without a PEOPLE count and several others (${types.join(', ')}), so occupancy is null`,
	);
	return null;
}

/** `2026-11-12T08:00:00Z`, `2026-11-12 08:00:00.000`, `2026-11-12T08:00:00+01:00` and the like. */
const dateText =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** The instant a Java service's date text names; a text without an offset is read in `zone`. */
export function instantOfDateText(text: string, zone: string): number | undefined {
	const match = dateText.exec(text.trim());
	if (!match) return undefined;
	const [year, month, day, hour, minute] = match.slice(1, 6).map(Number);
	const seconds = Number(match[6] ?? 0);
	const millis = Math.floor(Number(`0.${match[7] ?? '0'}`) * 1000);
	const offset = match[8];
	if (month < 1 || month > 12 || day > 31 || hour > 23 || minute > 59 || seconds > 59) {
		return undefined;
	}
	let wall: number;
	try {
		wall = offset
			? Date.UTC(year, month - 1, day, hour, minute)
			: instantFromLocalParts({ year, month, day, hour, minute }, zone);
	} catch {
		return undefined;
	}
	if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined;
	let instant = wall + seconds * 1000 + millis;
	if (offset && offset.toUpperCase() !== 'Z') {
		const sign = offset.startsWith('-') ? -1 : 1;
		const digits = offset.slice(1).replace(':', '');
		instant -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000;
	}
	return instant;
}

/** A point that carries its time as text only (docs/contract.md §8.1): `dateUtc`, else `dateLocal`. */
function needsLocalDate(point: OccupancyPoint): boolean {
	return (
		(point.timestampMs === undefined || point.timestampMs === null) &&
		(point.dateUtc === undefined || point.dateUtc === null) &&
		typeof point.dateLocal === 'string'
	);
}

/**
 * One docs/contract.md §6 row per interval, on the calendar the answer itself shows
 * (readOnItsCalendar), or a single `total` row when no interval was asked for. As with crossing
 * counts (AnswerGaps), a point without any time is left out and the intervals without a point
 * are unknown, an absent count is null, and an answer without any list is unknown in every
 * bucket: never 0.
 */
export async function occupancyItems(
	context: RequestContext,
	response: OccupancyResponse,
	query: OccupancyQuery,
	calendars: OccupancyCalendars,
	itemIndex?: number,
): Promise<{ items: IDataObject[]; reading?: Reading; unknown?: ReadonlySet<IDataObject> }> {
	const cameraUuid = bareCameraUuid(query.cameraUuid);
	const scope = `camera=${cameraUuid}`;
	const scopeFields = { cameraUuid };
	const item = (
		bucket: PlacedBucket,
		granularity: Granularity,
		timeZone: string,
		gaps: AnswerGaps,
		point?: OccupancyPoint,
	) =>
		bucketItem({
			source: 'rhombus',
			metric: 'occupancy',
			scope,
			bucket,
			granularity,
			timeZone,
			scopeFields,
			values: {
				occupancy: point ? occupancyOf(point, gaps) : null,
				eventCountMap: point ? (point.eventCountMap ?? null) : null,
			},
			partial: bucket.partial,
		});

	const points = response.timeSeriesDataPoints;
	if (!query.interval) {
		const whole = { start: query.start, end: query.end, partial: false };
		const gaps = new AnswerGaps();
		const items =
			points === undefined || points === null
				? [gaps.markUnknown(item(whole, 'total', query.timeZone, gaps))]
				: points.slice(0, 1).map((point) => item(whole, 'total', query.timeZone, gaps, point));
		const warning =
			points === undefined || points === null
				? joinWarnings(response.warningMsg, noDataPoints)
				: gaps.warning(response.warningMsg);
		return { items: warnEach(items, warning), unknown: gaps.unknown };
	}

	const granularity = intervalGranularity[query.interval];
	const zones = [
		...(calendars.locationZone ? [calendars.locationZone] : []),
		query.timeZone,
		'UTC',
	];
	if (points === undefined || points === null) {
		const calendar = calendars.preferred ?? { zone: zones[0], weekStart: 1 as const };
		const gaps = new AnswerGaps();
		const items = everyBucket(gridOf(granularity, calendar), query).map((bucket) =>
			gaps.markUnknown(item(bucket, granularity, calendar.zone, gaps)),
		);
		return {
			items: warnEach(items, joinWarnings(response.warningMsg, noDataPoints)),
			unknown: gaps.unknown,
		};
	}

	let localZone = calendars.locationZone;
	if (localZone === undefined && calendars.moreZones && points.some(needsLocalDate)) {
		[localZone] = await calendars.moreZones();
	}
	const timeOf = (point: OccupancyPoint, index: number): number | undefined => {
		if (typeof point.timestampMs === 'number') return point.timestampMs;
		const [field, zone] =
			point.dateUtc !== undefined && point.dateUtc !== null
				? (['dateUtc', 'UTC'] as const)
				: (['dateLocal', localZone] as const);
		const text = point[field];
		if (text === undefined || text === null || zone === undefined) return undefined;
		const instant = typeof text === 'string' ? instantOfDateText(text, zone) : undefined;
		if (instant === undefined || instant < earliestMs || instant >= latestMs) {
			throw unexpectedResponseError(
				context,
				rhombusVendor,
				occupancyEndpoint,
				{
					path: `timeSeriesDataPoints[${index}].${field}`,
					problem: `${JSON.stringify(text)} is no date between 2000 and 2100`,
				},
				itemIndex,
			);
		}
		return instant;
	};

	const build = (
		attempt: Attempt,
	): { items: IDataObject[]; unknown: ReadonlySet<IDataObject> } | undefined => {
		const gaps = new AnswerGaps();
		const placer = attempt.series();
		const { zone } = attempt.reading;
		let items: IDataObject[] = [];
		let timeless = 0;
		for (let index = 0; index < points.length; index++) {
			const point = points[index];
			const time = timeOf(point, index);
			if (time === undefined) {
				timeless++;
				continue;
			}
			const bucket = placer.place(time);
			if (bucket === undefined) {
				return attempt.reject(`timeSeriesDataPoints[${index}].timestampMs`, time);
			}
			items.push(item(bucket, granularity, zone, gaps, point));
		}
		if (timeless > 0) {
			gaps.leaveOutTimeless('timeSeriesDataPoints', timeless);
			items = gaps.fillBuckets(items, everyBucket(attempt.grid, query), (bucket) =>
				item(bucket, granularity, zone, gaps),
			);
		}
		return { items: warnEach(items, gaps.warning(response.warningMsg)), unknown: gaps.unknown };
	};
	const read = await readOnItsCalendar(
		context,
		occupancyEndpoint,
		{
			granularity,
			range: query,
			zones,
			preferred: calendars.preferred,
			moreZones: calendars.locationZone === undefined ? calendars.moreZones : undefined,
		},
		build,
		itemIndex,
	);
	return { ...read.value, reading: read.reading };
}

/** The spec lets `timeSeriesDataPoints` be null: no numbers, so every bucket is unknown, not 0. */
const noDataPoints = 'Rhombus sent no timeSeriesDataPoints (every bucket left empty)';

/** The answer as Rhombus sent it. */
export function occupancyRaw(response: OccupancyResponse): IDataObject {
	return { ...response } as IDataObject;
}
