import { DateTime } from 'luxon';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { fieldsOf, InputError, integerIn } from '../../../shared/input';
import { parseDateTime } from '../../../shared/time';
import { bareCameraUuid } from '../../helpers/cameraIds';
import { rhombusApiRequest } from '../../transport';
import { binaryPropertyNameProperty, cameraUuidLocator } from '../common.descriptions';
import { readBinaryPropertyName, readCameraUuid } from '../../helpers/parameters';

const properties: INodeProperties[] = [
	cameraUuidLocator,
	{
		displayName: 'Timestamp',
		name: 'timestamp',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			"Moment of the frame. Without a UTC offset it is read in the workflow's time zone, e.g. {{ $now.minus(5, 'minutes') }}.",
	},
	{
		displayName: 'Downscale Factor',
		name: 'downscaleFactor',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1,
		description:
			'Divides the width and height of the image by this whole number; 1 keeps full resolution',
	},
	{
		displayName: 'Crop',
		name: 'crop',
		type: 'collection',
		placeholder: 'Add Crop Edge',
		default: {},
		description: 'Part of the frame to return, in percent of its width and height',
		options: [
			{
				displayName: 'Height',
				name: 'height',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100 },
				default: 100,
				description: 'Height of the crop in percent of the frame height',
			},
			{
				displayName: 'Width',
				name: 'width',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100 },
				default: 100,
				description: 'Width of the crop in percent of the frame width',
			},
			{
				displayName: 'X',
				name: 'x',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100 },
				default: 0,
				description: 'Left edge of the crop in percent of the frame width',
			},
			{
				displayName: 'Y',
				name: 'y',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100 },
				default: 0,
				description: 'Top edge of the crop in percent of the frame height',
			},
		],
	},
	binaryPropertyNameProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['video'], operation: ['getFrame'] } },
	properties,
);

const cropEdges = [
	{ name: 'x', displayName: 'X' },
	{ name: 'y', displayName: 'Y' },
	{ name: 'width', displayName: 'Width' },
	{ name: 'height', displayName: 'Height' },
] as const;

type CropEdge = (typeof cropEdges)[number]['name'];

function cropPercent(value: unknown, displayName: string): number {
	const percent = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
		throw new InputError(
			`Crop ${displayName}`,
			`${JSON.stringify(value)} must be a percentage from 0 to 100`,
		);
	}
	return percent;
}

function checkCropSize(sizeName: string, size: number, offsetName: string, offset: number): void {
	if (size === 0) throw new InputError(`Crop ${sizeName}`, 'must be more than 0');
	// Compared in permyriad, as sent, so that 33.3 + 66.7 is not a hair over 100.
	const end = Math.round(offset * 100) + Math.round(size * 100);
	if (end > 10000) {
		throw new InputError(
			`Crop ${sizeName}`,
			`${offsetName} + ${sizeName} is ${end / 100}, more than the whole frame (100)`,
		);
	}
}

/**
 * The crop in permyriad (10000 = the whole frame), as Rhombus expects it. Once any edge is set
 * all four are sent, as Rhombus's MCP server always sends them, since what Rhombus makes of a
 * crop with edges missing is not documented: X and Y default to 0, Width and Height to the rest
 * of the frame.
 */
function cropRequest(crop: Record<string, unknown>): IDataObject {
	const percents: Partial<Record<CropEdge, number>> = {};
	for (const edge of cropEdges) {
		const value = crop[edge.name];
		if (value === undefined || value === null || value === '') continue;
		percents[edge.name] = cropPercent(value, edge.displayName);
	}
	if (Object.keys(percents).length === 0) return {};
	const x = percents.x ?? 0;
	const y = percents.y ?? 0;
	const width = percents.width ?? 100 - x;
	const height = percents.height ?? 100 - y;
	checkCropSize('Width', width, 'X', x);
	checkCropSize('Height', height, 'Y', y);
	return {
		permyriadCropX: Math.round(x * 100),
		permyriadCropY: Math.round(y * 100),
		permyriadCropWidth: Math.round(width * 100),
		permyriadCropHeight: Math.round(height * 100),
	};
}

const imageExtensions: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
};

/** The file extension of an image type; the subtype for another image, `bin` for anything else. */
function imageExtension(mimeType: string): string {
	const type = mimeType.split(';')[0].trim().toLowerCase();
	const known = imageExtensions[type];
	if (known) return known;
	const subtype = /^image\/([a-z0-9]+)$/.exec(type);
	return subtype ? subtype[1] : 'bin';
}

function fileTimestamp(instant: number): string {
	return DateTime.fromMillis(instant, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const cameraUuid = readCameraUuid(this, itemIndex);
	const timestamp = parseDateTime(
		this.getNodeParameter('timestamp', itemIndex),
		this.getTimezone(),
		'Timestamp',
	);
	const downscaleFactor = integerIn(
		this.getNodeParameter('downscaleFactor', itemIndex),
		'Downscale Factor',
		{ min: 1 },
	);
	const crop = cropRequest(fieldsOf(this.getNodeParameter('crop', itemIndex, {}), 'Crop'));
	const binaryPropertyName = readBinaryPropertyName(this, itemIndex);

	const response = await rhombusApiRequest(
		this,
		'/api/video/getExactFrameData',
		{ cameraUuid, timestampMs: timestamp, downscaleFactor, ...crop },
		{ itemIndex },
	);
	const camera = bareCameraUuid(cameraUuid);
	const time = new Date(timestamp).toISOString();
	if (!response.frameData) {
		throw new NodeOperationError(
			this.getNode(),
			`No recorded footage for camera ${camera} at ${time} (Rhombus sent no frameData): the camera may have been offline or the time is outside its retention window`,
			{
				itemIndex,
				description: response.responseMessage
					? `Rhombus said: ${response.responseMessage}`
					: undefined,
			},
		);
	}
	const image = Buffer.from(response.frameData, 'base64');
	const mimeType = response.mimeType || 'image/jpeg';
	const json: IDataObject = {
		cameraUuid: camera,
		timestamp: time,
		mimeType,
		bytes: image.length,
		responseMessage: response.responseMessage ?? null,
	};
	if (response.warningMsg) json.warning = response.warningMsg;
	const binary = await this.helpers.prepareBinaryData(
		image,
		`${camera}-${fileTimestamp(timestamp)}.${imageExtension(mimeType)}`,
		mimeType,
	);
	return [{ json, binary: { [binaryPropertyName]: binary } }];
}
