import type { IPollFunctions } from 'n8n-workflow';

import { append } from '../../shared/arrays';
import { InputError, oneOf } from '../../shared/input';
import { nodeParameter, readTimeZone } from '../../shared/parameters';
import type { Granularity } from '../../shared/time';
import type { BucketRow, Schedule } from '../../shared/trigger/engine';
import type { TriggerSource } from '../../shared/trigger/poll';
import { rowsOf } from '../../shared/trigger/poll';
import type { PollingSettings } from '../../shared/trigger/settings';
import { bareCameraUuid } from '../helpers/cameraIds';
import { CameraZones } from '../helpers/cameraZones';
import { explainZeros } from '../helpers/countingCameras';
import {
	readCameraUuids,
	readCrossingCountOptions,
	readInterval,
	readPerCamera,
} from '../helpers/parameters';
import type { Reading } from '../metrics/calendars';
import { describeReading, gridOf, readingOf, readingText } from '../metrics/calendars';
import {
	bucketSizeGranularity,
	bucketSizes,
	crossingCountItems,
	crossingCountItemsPerCamera,
	fetchCrossingCounts,
} from '../metrics/crossingCounts';
import type { OccupancyInterval } from '../metrics/occupancy';
import { fetchOccupancy, intervalGranularity, occupancyItems } from '../metrics/occupancy';

export type RhombusTriggerEvent = 'crossingCounts' | 'occupancy';

/** Occupancy days follow a calendar each answer shows only once read: the trigger walks up to hours. */
const triggerIntervals: OccupancyInterval[] = ['MINUTELY', 'QUARTERHOURLY', 'HOURLY'];

/**
 * The schedules of one trigger: first on the calendar its parameters name (Time Zone, weeks from
 * Monday, points stamped at bucket starts), then on whichever calendar Rhombus's answers showed
 * (docs/contract.md §5.3 promise 11). The basis names the calendar only when it is not the
 * first, so the state of a trigger that never saw another calendar keeps its basis.
 */
function schedules(
	settings: PollingSettings,
	base: string,
	granularity: Granularity,
	timeZone: string,
): Pick<TriggerSource, 'schedule' | 'scheduleOn'> {
	const assumed = readingText({ zone: timeZone, weekStart: 1, stamp: 'start' });
	const scheduleOn = (calendar: string): Schedule => {
		const reading = readingOf(calendar) ?? { zone: timeZone, weekStart: 1, stamp: 'start' };
		const text = readingText(reading);
		return {
			...settings.schedule,
			basis: text === assumed ? base : `${base}|${text}`,
			granularity,
			timeZone: reading.zone,
			grid: gridOf(granularity, reading),
			calendar: text,
		};
	};
	return { schedule: scheduleOn(assumed), scheduleOn };
}

/** Each row says which calendar its answer was read on, so the engine can follow it. */
function onCalendar(rows: BucketRow[], reading: Reading | undefined): BucketRow[] {
	if (reading === undefined) return rows;
	const calendar = readingText(reading);
	for (const row of rows) row.calendar = calendar;
	return rows;
}

/**
 * The Rhombus requests behind one poll: every camera in one request, or one per camera
 * (occupancy, and crossing counts per camera when Rhombus adds the cameras up). Each answer is
 * read on the calendar it shows; the cameras' locations are looked up only for an answer that
 * no other zone explains.
 */
export function rhombusTriggerSource(
	context: IPollFunctions,
	settings: PollingSettings,
): TriggerSource {
	const event = oneOf<RhombusTriggerEvent>(
		nodeParameter(context, 0, 'event', 'crossingCounts'),
		['crossingCounts', 'occupancy'],
		'Event',
	);
	const cameraUuids = readCameraUuids(context, 0);
	const timeZone = readTimeZone(context, 0);
	const cameraZones = new CameraZones(context);
	// A camera without a counting line or occupancy region counts 0 silently. Fetch Test Event,
	// where a workflow is built, asks why an all-zero answer is zero; polls do not, since every
	// quiet night would cost a request per poll.
	const explain: typeof explainZeros = async (...args) =>
		context.getMode() === 'manual' ? await explainZeros(...args) : args[3];

	if (event === 'crossingCounts') {
		const options = readCrossingCountOptions(context, 0, bucketSizes);
		const perCamera = readPerCamera(context, 0);
		const granularity = bucketSizeGranularity[options.bucketSize];
		return {
			// Unless asked one row per camera, Rhombus may add the cameras up into one series (one
			// scope) or answer per camera: how many records re-checking keeps shows in the answers.
			scopes: perCamera ? cameraUuids.length : undefined,
			measure: { crossingObject: options.crossingObject, dedupe: options.dedupe },
			...schedules(
				settings,
				`rhombus|crossingCounts|${granularity}|${timeZone}`,
				granularity,
				timeZone,
			),
			fetch: async (window, _buckets, calendar) => {
				const query = {
					cameraUuids,
					start: window.start,
					end: window.end,
					timeZone,
					...options,
				};
				const calendars = {
					preferred: calendar === undefined ? undefined : readingOf(calendar),
					moreZones: async () => await cameraZones.zonesOf(cameraUuids),
				};
				const { items, reading, unknown } = perCamera
					? await crossingCountItemsPerCamera(context, query, calendars)
					: await crossingCountItems(
							context,
							await fetchCrossingCounts(context, query),
							query,
							calendars,
						);
				return onCalendar(
					rowsOf(await explain(context, 'line', cameraUuids, items), unknown),
					reading,
				);
			},
		};
	}

	const interval = readInterval(context, 0, triggerIntervals);
	const granularity = intervalGranularity[interval];
	return {
		scopes: cameraUuids.length,
		...schedules(settings, `rhombus|occupancy|${granularity}|${timeZone}`, granularity, timeZone),
		fetch: async (window, _buckets, calendar) => {
			const rows: BucketRow[] = [];
			let seen: { reading: Reading; cameraUuid: string } | undefined;
			for (const cameraUuid of cameraUuids) {
				const query = { cameraUuid, start: window.start, end: window.end, timeZone, interval };
				const response = await fetchOccupancy(context, query);
				const { items, reading, unknown } = await occupancyItems(context, response, query, {
					preferred: seen?.reading ?? (calendar === undefined ? undefined : readingOf(calendar)),
					moreZones: async () => await cameraZones.zonesOf([cameraUuid]),
				});
				if (reading !== undefined && seen === undefined) seen = { reading, cameraUuid };
				else if (
					reading !== undefined &&
					seen &&
					readingText(reading) !== readingText(seen.reading)
				) {
					throw clocksDiffer(seen, { reading, cameraUuid });
				}
				append(rows, rowsOf(items, unknown));
			}
			await explain(
				context,
				'occupancy',
				cameraUuids,
				rows.map((row) => row.json),
			);
			return onCalendar(rows, seen?.reading);
		},
	};
}

/**
 * One trigger walks one calendar: cameras whose answers show two (locations whose hours start at
 * other minutes, such as Berlin and Adelaide) cannot share it, so nothing is emitted.
 */
function clocksDiffer(
	first: { reading: Reading; cameraUuid: string },
	other: { reading: Reading; cameraUuid: string },
): InputError {
	return new InputError(
		'Camera Names or IDs',
		`cameras ${bareCameraUuid(first.cameraUuid)} and ${bareCameraUuid(other.cameraUuid)} count occupancy on different calendars (${describeReading(first.reading)}; ${describeReading(other.reading)}), and one trigger walks one calendar: watch them with a trigger each, or choose Interval Quarter Hour, whose edges every zone shares`,
	);
}
