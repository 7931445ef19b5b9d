import { DateTime } from 'luxon';
import type { IExecuteFunctions } from 'n8n-workflow';

import { InputError, integerIn, textList } from '../../shared/input';
import { rhombusId } from '../helpers/cameraIds';
import { parseDateTime, resolveTimeZone } from '../../shared/time';

export interface TimeRange {
	start: number;
	end: number;
}

export function readCameraUuids(context: IExecuteFunctions, itemIndex: number): string[] {
	const cameraUuids = textList(
		context.getNodeParameter('cameraUuids', itemIndex),
		'Camera Names or IDs',
	).map((id) => rhombusId(id, 'Camera Names or IDs'));
	if (cameraUuids.length === 0) {
		throw new InputError('Camera Names or IDs', 'choose at least one camera');
	}
	return cameraUuids;
}

export function readCameraUuid(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('cameraUuid', itemIndex, '', { extractValue: true });
	const cameraUuid = typeof value === 'string' ? value.trim() : '';
	if (cameraUuid === '') {
		throw new InputError('Camera', 'choose a camera from the list or enter its ID');
	}
	return rhombusId(cameraUuid, 'Camera');
}

export function readTimeZone(context: IExecuteFunctions, itemIndex: number): string {
	return resolveTimeZone(
		context.getNodeParameter('timeZone', itemIndex, ''),
		context.getTimezone(),
		'Time Zone',
	);
}

function localTime(instant: number, timeZone: string): string {
	return (
		DateTime.fromMillis(instant, { zone: timeZone }).toISO() ?? new Date(instant).toISOString()
	);
}

/** `startTime` and `endTime`, read in `timeZone` when they carry no offset. */
export function readTimeRange(
	context: IExecuteFunctions,
	itemIndex: number,
	timeZone: string,
): TimeRange {
	const start = parseDateTime(
		context.getNodeParameter('startTime', itemIndex),
		timeZone,
		'Start Time',
	);
	const end = parseDateTime(context.getNodeParameter('endTime', itemIndex), timeZone, 'End Time');
	if (end <= start) {
		throw new InputError(
			'End Time',
			`must be after Start Time (${localTime(end, timeZone)} is not after ${localTime(start, timeZone)})`,
		);
	}
	return { start, end };
}

export function readClipUuid(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('clipUuid', itemIndex);
	const clipUuid = typeof value === 'string' ? value.trim() : '';
	if (clipUuid === '') throw new InputError('Clip ID', 'enter the ID of a saved clip');
	return clipUuid;
}

export function readWaitTimeoutSec(context: IExecuteFunctions, itemIndex: number): number {
	return integerIn(
		context.getNodeParameter('waitTimeoutSec', itemIndex),
		'Wait Timeout (Seconds)',
		{
			min: 1,
		},
	);
}

export function readBinaryPropertyName(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('binaryPropertyName', itemIndex);
	const name = typeof value === 'string' ? value.trim() : '';
	if (name === '')
		throw new InputError('Put Output File in Field', 'enter a field name such as data');
	return name;
}
