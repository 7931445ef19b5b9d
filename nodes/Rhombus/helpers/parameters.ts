import { DateTime } from 'luxon';

import { flag, InputError, integerIn, oneOf, textList } from '../../shared/input';
import type { ParameterContext } from '../../shared/parameters';
import { nodeParameter } from '../../shared/parameters';
import { parseDateTime } from '../../shared/time';
import type { BucketSize, CrossingCountsQuery } from '../metrics/crossingCounts';
import { crossingObjects } from '../metrics/crossingCounts';
import type { OccupancyInterval } from '../metrics/occupancy';
import { rhombusId } from './cameraIds';

export interface TimeRange {
	start: number;
	end: number;
}

export function readCameraUuids(context: ParameterContext, itemIndex: number): string[] {
	const cameraUuids = textList(
		nodeParameter(context, itemIndex, 'cameraUuids', []),
		'Camera Names or IDs',
	).map((id) => rhombusId(id, 'Camera Names or IDs'));
	if (cameraUuids.length === 0) {
		throw new InputError('Camera Names or IDs', 'choose at least one camera');
	}
	return cameraUuids;
}

export function readCameraUuid(context: ParameterContext, itemIndex: number): string {
	const value = nodeParameter(context, itemIndex, 'cameraUuid', '', { extractValue: true });
	const cameraUuid = typeof value === 'string' ? value.trim() : '';
	if (cameraUuid === '') {
		throw new InputError('Camera', 'choose a camera from the list or enter its ID');
	}
	return rhombusId(cameraUuid, 'Camera');
}

function localTime(instant: number, timeZone: string): string {
	return (
		DateTime.fromMillis(instant, { zone: timeZone }).toISO() ?? new Date(instant).toISOString()
	);
}

/** `startTime` and `endTime`, read in `timeZone` when they carry no offset. */
export function readTimeRange(
	context: ParameterContext,
	itemIndex: number,
	timeZone: string,
): TimeRange {
	const start = parseDateTime(
		nodeParameter(context, itemIndex, 'startTime'),
		timeZone,
		'Start Time',
	);
	const end = parseDateTime(nodeParameter(context, itemIndex, 'endTime'), timeZone, 'End Time');
	if (end <= start) {
		throw new InputError(
			'End Time',
			`must be after Start Time (${localTime(end, timeZone)} is not after ${localTime(start, timeZone)})`,
		);
	}
	return { start, end };
}

/** Bucket Size, Crossing Object and Dedupe: how crossing counts are bucketed and what they count. */
export function readCrossingCountOptions(
	context: ParameterContext,
	itemIndex: number,
	bucketSizes: readonly BucketSize[],
): Pick<CrossingCountsQuery, 'bucketSize' | 'crossingObject' | 'dedupe'> {
	return {
		bucketSize: oneOf(
			nodeParameter(context, itemIndex, 'bucketSize', 'HOUR'),
			bucketSizes,
			'Bucket Size',
		),
		crossingObject: oneOf(
			nodeParameter(context, itemIndex, 'crossingObject', 'HUMAN'),
			crossingObjects,
			'Crossing Object',
		),
		dedupe: flag(nodeParameter(context, itemIndex, 'dedupe', true), 'Dedupe'),
	};
}

export function readPerCamera(context: ParameterContext, itemIndex: number): boolean {
	return flag(nodeParameter(context, itemIndex, 'perCamera', false), 'One Row per Camera');
}

export function readInterval<T extends OccupancyInterval | ''>(
	context: ParameterContext,
	itemIndex: number,
	intervals: readonly T[],
): T {
	return oneOf(nodeParameter(context, itemIndex, 'interval', 'HOURLY'), intervals, 'Interval');
}

export function readClipUuid(context: ParameterContext, itemIndex: number): string {
	const value = nodeParameter(context, itemIndex, 'clipUuid');
	const clipUuid = typeof value === 'string' ? value.trim() : '';
	if (clipUuid === '') throw new InputError('Clip ID', 'enter the ID of a saved clip');
	return clipUuid;
}

export function readWaitTimeoutSec(context: ParameterContext, itemIndex: number): number {
	return integerIn(nodeParameter(context, itemIndex, 'waitTimeoutSec'), 'Wait Timeout (Seconds)', {
		min: 1,
	});
}

export function readBinaryPropertyName(context: ParameterContext, itemIndex: number): string {
	const value = nodeParameter(context, itemIndex, 'binaryPropertyName');
	const name = typeof value === 'string' ? value.trim() : '';
	if (name === '')
		throw new InputError('Put Output File in Field', 'enter a field name such as data');
	return name;
}
