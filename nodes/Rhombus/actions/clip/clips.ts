import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { rhombusApiRequest, rhombusMediaDownload } from '../../transport';
import type { Clip } from '../../transport/schemas';
import { bareCameraUuid } from '../../helpers/cameraIds';

/** A clip Rhombus found, with its warning. */
export interface FoundClip {
	clip: Clip;
	warningMsg?: string | null;
}

/**
 * How often a wait for completion asks for the clip's progress, and how long a clip just created
 * may be missing from getClipWithProgress before it counts as not found (right after spliceV3
 * Rhombus may not list it yet; its SDK polls on through `data.clip ?? {}`); tests lower both.
 */
export const clipProgressPolling = { intervalMs: 2_000, newClipGraceMs: 30_000 };

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

/** Clip times this century and the next; Rhombus sends 0 for a time it does not know. */
const earliestMs = Date.UTC(2000, 0, 1);
const latestMs = Date.UTC(2100, 0, 1);

/** ISO 8601 UTC text, as the report items give their times, or null for no usable time. */
function isoTime(value: unknown): string | null {
	const ms = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < earliestMs || ms >= latestMs) {
		return null;
	}
	return new Date(ms).toISOString();
}

/** The cameras of the clip as bare IDs, comma-separated as the report items join several. */
function clipCameras(clip: IDataObject): string | null {
	const devices = [clip.deviceUuid, ...(Array.isArray(clip.deviceUuids) ? clip.deviceUuids : [])];
	const cameras = new Set<string>();
	for (const device of devices) {
		if (typeof device === 'string' && device.trim() !== '')
			cameras.add(bareCameraUuid(device.trim()));
	}
	return cameras.size > 0 ? [...cameras].join(',') : null;
}

/**
 * A clip as an output item. The fields people read in a table come first (title, camera, ISO
 * times, duration, status, ID), so they are not off screen behind IDs; then the clip exactly as
 * Rhombus describes it, `uuid` and `timestampMs` included, because saved expressions read them.
 * `clipUuid` is the ID the clip was asked for, as the spec lets the clip's own `uuid` be null.
 * A leading field Rhombus did not send is null, so every item has the same columns.
 */
export function clipJson(clipUuid: string, clip: Clip, warning?: string | null): IDataObject {
	const sent = clip as IDataObject;
	const json: IDataObject = {
		title: sent.title ?? null,
		cameraUuid: clipCameras(sent),
		startTime: isoTime(sent.timestampMs),
		createdAt: isoTime(sent.createdAtMs),
		durationSec: sent.durationSec ?? null,
		status: sent.status ?? null,
		clipUuid,
		// Rhombus's own fields keep their values; one named like a leading field keeps that place.
		...sent,
	};
	if (warning) json.warning = warning;
	return json;
}

async function askForClip(
	context: IExecuteFunctions,
	clipUuid: string,
	itemIndex: number,
): Promise<FoundClip | undefined> {
	const { clip, warningMsg } = await rhombusApiRequest(
		context,
		'/api/event/getClipWithProgress',
		{ clipUuid },
		{ itemIndex },
	);
	return clip ? { clip, warningMsg } : undefined;
}

function clipNotFound(
	context: IExecuteFunctions,
	clipUuid: string,
	itemIndex: number,
	waitedMs?: number,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `Clip ${clipUuid} was not found`, {
		itemIndex,
		description:
			waitedMs === undefined
				? 'Rhombus answered without a clip for this ID. Check the Clip ID: Clip → Create returns it, and Clip → Get Many lists the saved clips. A clip created a moment ago can take a few seconds to appear: Clip → Create with Wait for Completion waits for it.'
				: `Rhombus still answered without the new clip ${Math.round(waitedMs / 1000)} s after creating it. It may appear later: look for it with Clip → Get Many before creating it again.`,
	});
}

export async function getClip(
	context: IExecuteFunctions,
	clipUuid: string,
	itemIndex: number,
): Promise<FoundClip> {
	const found = await askForClip(context, clipUuid, itemIndex);
	if (!found) throw clipNotFound(context, clipUuid, itemIndex);
	return found;
}

/**
 * Polls the clip's progress until it is complete; fails as soon as Rhombus gives up on it, or
 * with the last progress seen once `timeoutSec` has passed. A clip just created (`newClip`) may
 * be missing for the grace period, within the timeout; any other clip missing is not found at
 * once, so a wrong ID fails fast. Timed on the monotonic clock, which no wall-clock change moves.
 */
export async function waitForClip(
	context: IExecuteFunctions,
	clipUuid: string,
	timeoutSec: number,
	itemIndex: number,
	newClip = false,
): Promise<FoundClip> {
	const startedAt = performance.now();
	const deadline = startedAt + timeoutSec * 1000;
	const graceMs = newClip ? Math.min(clipProgressPolling.newClipGraceMs, timeoutSec * 1000) : 0;
	for (;;) {
		const found = await askForClip(context, clipUuid, itemIndex);
		if (!found) {
			const graceLeftMs = startedAt + graceMs - performance.now();
			if (graceLeftMs <= 0) {
				throw clipNotFound(context, clipUuid, itemIndex, newClip ? graceMs : undefined);
			}
			await sleep(Math.min(clipProgressPolling.intervalMs, graceLeftMs));
			continue;
		}
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
		const remainingMs = deadline - performance.now();
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
