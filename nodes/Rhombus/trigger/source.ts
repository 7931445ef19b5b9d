import type { IPollFunctions } from 'n8n-workflow';

import type { BucketRow } from '../../shared/trigger/engine';
import type { TriggerSource } from '../../shared/trigger/poll';
import { rowsOf } from '../../shared/trigger/poll';
import type { PollingSettings } from '../../shared/trigger/descriptions';
import { flag, InputError, oneOf, textList } from '../../shared/input';
import { rhombusId } from '../helpers/cameraIds';
import { resolveTimeZone } from '../../shared/time';
import type { BucketSize } from '../metrics/crossingCounts';
import {
	bucketSizeGranularity,
	crossingCountItems,
	fetchCrossingCounts,
} from '../metrics/crossingCounts';
import type { OccupancyInterval } from '../metrics/occupancy';
import { fetchOccupancy, intervalGranularity, occupancyItems } from '../metrics/occupancy';
import { append } from '../../shared/arrays';

export type RhombusTriggerEvent = 'crossingCounts' | 'occupancy';

export const triggerBucketSizes: BucketSize[] = ['QUARTER_HOUR', 'HOUR', 'DAY', 'WEEK', 'MONTH'];
/** Occupancy days follow the camera location's calendar, which the trigger cannot see: up to hours. */
export const triggerIntervals: OccupancyInterval[] = ['MINUTELY', 'QUARTERHOURLY', 'HOURLY'];
const crossingObjects = ['HUMAN', 'VEHICLE', 'FACE', 'LPR', 'POSE', 'CLIP_EMBED', 'UNKNOWN'];

/** The Rhombus requests behind one poll: every camera in one request, or one per camera. */
export function rhombusTriggerSource(
	context: IPollFunctions,
	settings: PollingSettings,
): TriggerSource {
	const event = oneOf<RhombusTriggerEvent>(
		context.getNodeParameter('event', 'crossingCounts'),
		['crossingCounts', 'occupancy'],
		'Event',
	);
	const cameraUuids = textList(
		context.getNodeParameter('cameraUuids', []),
		'Camera Names or IDs',
	).map((id) => rhombusId(id, 'Camera Names or IDs'));
	if (cameraUuids.length === 0)
		throw new InputError('Camera Names or IDs', 'choose at least one camera');
	const timeZone = resolveTimeZone(
		context.getNodeParameter('timeZone', ''),
		context.getTimezone(),
		'Time Zone',
	);

	if (event === 'crossingCounts') {
		const bucketSize = oneOf(
			context.getNodeParameter('bucketSize', 'HOUR'),
			triggerBucketSizes,
			'Bucket Size',
		);
		const crossingObject = oneOf(
			context.getNodeParameter('crossingObject', 'HUMAN'),
			crossingObjects,
			'Crossing Object',
		);
		const dedupe = flag(context.getNodeParameter('dedupe', true), 'Dedupe');
		const granularity = bucketSizeGranularity[bucketSize];
		return {
			schedule: {
				...settings.schedule,
				basis: `rhombus|crossingCounts|${granularity}|${timeZone}`,
				granularity,
				timeZone,
			},
			fetch: async (window) => {
				const query = {
					cameraUuids,
					start: window.start,
					end: window.end,
					timeZone,
					bucketSize,
					crossingObject,
					dedupe,
				};
				return rowsOf(crossingCountItems(await fetchCrossingCounts(context, query), query));
			},
		};
	}

	const interval = oneOf(
		context.getNodeParameter('interval', 'HOURLY'),
		triggerIntervals,
		'Interval',
	);
	const granularity = intervalGranularity[interval];
	return {
		schedule: {
			...settings.schedule,
			basis: `rhombus|occupancy|${granularity}|${timeZone}`,
			granularity,
			timeZone,
		},
		fetch: async (window) => {
			const rows: BucketRow[] = [];
			for (const cameraUuid of cameraUuids) {
				const query = { cameraUuid, start: window.start, end: window.end, timeZone, interval };
				append(rows, rowsOf(occupancyItems(await fetchOccupancy(context, query), query)));
			}
			return rows;
		},
	};
}
