import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { rhombusApiRequest, rhombusMediaDownload } from '../../transport';
import type { Clip } from '../../transport/schemas';

/** A clip Rhombus found, with its warning. */
export interface FoundClip {
	clip: Clip;
	warningMsg?: string | null;
}

/** How often a wait for completion asks for the clip's progress; tests lower it. */
export const clipProgressPolling = { intervalMs: 2_000 };

/**
 * Statuses after which a clip never completes. Rhombus's SDK gives up on FAILED only; a deleted
 * clip is gone. OFFLINE is not final: the footage is uploaded once the camera is back online.
 */
const finalStatuses: Record<string, string> = {
	FAILED: 'Rhombus could not render the clip; the camera may have no footage for that time.',
	DELETED: 'The clip was deleted before it was complete.',
};

export function isClipComplete(clip: Clip): boolean {
	return (
		clip.status === 'COMPLETE' ||
		(clip.percentComplete === 100 && clip.currentOperation === 'Complete')
	);
}

export function progressText(clip: Clip): string {
	const percent = clip.percentComplete ?? 0;
	const operation = clip.currentOperation ? `, ${clip.currentOperation}` : '';
	return `${clip.status ?? 'UNKNOWN'} at ${percent}%${operation}`;
}

/**
 * A clip as an output item: the clip as Rhombus describes it, plus its ID under `clipUuid` (the
 * ID it was asked for, as the spec lets the clip's own `uuid` be null).
 */
export function clipJson(clipUuid: string, clip: Clip, warning?: string | null): IDataObject {
	const json: IDataObject = { clipUuid, ...(clip as IDataObject) };
	if (warning) json.warning = warning;
	return json;
}

export async function getClip(
	context: IExecuteFunctions,
	clipUuid: string,
	itemIndex: number,
): Promise<FoundClip> {
	const { clip, warningMsg } = await rhombusApiRequest(
		context,
		'/api/event/getClipWithProgress',
		{ clipUuid },
		{ itemIndex },
	);
	if (!clip) {
		throw new NodeOperationError(context.getNode(), `Clip ${clipUuid} was not found`, {
			itemIndex,
			description:
				'Rhombus answered without a clip for this ID. Check the Clip ID: Clip → Create returns it, and Clip → Get Many lists the saved clips.',
		});
	}
	return { clip, warningMsg };
}

/**
 * Polls the clip's progress until it is complete; fails as soon as Rhombus gives up on it, or
 * with the last progress seen once `timeoutSec` has passed.
 */
export async function waitForClip(
	context: IExecuteFunctions,
	clipUuid: string,
	timeoutSec: number,
	itemIndex: number,
): Promise<FoundClip> {
	const deadline = Date.now() + timeoutSec * 1000;
	for (;;) {
		const found = await getClip(context, clipUuid, itemIndex);
		const { clip } = found;
		if (isClipComplete(clip)) return found;
		const failure = clip.status ? finalStatuses[clip.status] : undefined;
		if (failure !== undefined) {
			throw new NodeOperationError(
				context.getNode(),
				`Clip ${clipUuid} will not complete: ${progressText(clip)}`,
				{ itemIndex, description: failure },
			);
		}
		const remainingMs = deadline - Date.now();
		if (remainingMs <= 0) {
			const why =
				clip.status === 'OFFLINE'
					? 'The camera is offline, so Rhombus uploads the footage once it is back online.'
					: 'Rhombus keeps rendering it.';
			throw new NodeOperationError(
				context.getNode(),
				`Clip ${clipUuid} was not complete after ${timeoutSec} s: ${progressText(clip)}`,
				{
					itemIndex,
					description: `${why} Raise Wait Timeout, or fetch it later with Clip → Get and Wait for Completion.`,
				},
			);
		}
		await sleep(Math.min(clipProgressPolling.intervalMs, remainingMs));
	}
}

/** The clip's mp4 from the media host of `region`, as n8n binary data. */
export async function downloadClip(
	context: IExecuteFunctions,
	clipUuid: string,
	region: string,
	itemIndex: number,
): Promise<{ binary: IBinaryData; bytes: number }> {
	const video = await rhombusMediaDownload(context, region, clipUuid, { itemIndex });
	const binary = await context.helpers.prepareBinaryData(video, `${clipUuid}.mp4`, 'video/mp4');
	return { binary, bytes: video.length };
}

/**
 * Where the clip's video is stored, which the media host needs in the path; as Rhombus's SDK
 * reads it, the thumbnail's region when the clip's own is absent.
 */
export function clipRegion(
	context: IExecuteFunctions,
	clipUuid: string,
	clip: Clip,
	itemIndex: number,
): string {
	const region = clip.clipLocation?.region || clip.thumbnailLocation?.region;
	if (!region) {
		throw new NodeOperationError(
			context.getNode(),
			`Rhombus did not say where clip ${clipUuid} is stored (clipLocation.region is missing)`,
			{
				itemIndex,
				description:
					'If you know the region, download the clip with Clip → Download and the region set.',
			},
		);
	}
	return region;
}
